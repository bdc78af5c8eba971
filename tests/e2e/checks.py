"""What every Python end-to-end test shares: checks that count, say what
failed and go on, and the summary line and exit status at the end."""
import sys

_counts = {"checks": 0, "fails": 0}


def check(ok, what, detail=""):
    """Count a check; on failure say what, and the detail, on stderr."""
    _counts["checks"] += 1
    if not ok:
        _counts["fails"] += 1
        print(f"FAIL: {what}\n{detail}", file=sys.stderr)
    return ok



def failed():
    """How many checks have failed so far."""
    return _counts["fails"]


def finish():
    """The summary line, then exit 1 if any check failed."""
    print(f"{_counts['checks'] - _counts['fails']} passed, {_counts['fails']} failed")
    sys.exit(1 if _counts["fails"] else 0)
