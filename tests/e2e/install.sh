# 'cmake --install' into a DESTDIR from a copy of the source tree, which
# is then removed: the installed program, run with an empty HOME, finds the
# shipped routines and validates them; the completions, man pages and the
# desktop entry are where each reader looks. $1 is the built selfcare (only
# for lib.sh); $2 the source tree.
source "$(dirname "$0")/lib.sh"
SRC_TREE=$(realpath "$2")
SRC=$TMP/src BUILD=$TMP/build DEST=$TMP/dest PREFIX=/usr
mkdir -p "$SRC"
tar -C "$SRC_TREE" --exclude=./build --exclude=./.git -cf - . | tar -C "$SRC" -xf -
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
	-DCMAKE_INSTALL_PREFIX=$PREFIX >"$TMP/configure.log" 2>&1 || { cat "$TMP/configure.log"; fail "configure"; finish; }
cmake --build "$BUILD" -j "$(nproc)" >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; fail "build"; finish; }
DESTDIR=$DEST cmake --install "$BUILD" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; fail "install"; finish; }

# Installed again with the ~/.local prefix given at install time (issue 18):
# everything lands under it, the bash completion included, and a routine
# the user edited in their own directory survives two installs.
LOCAL=$TMP/user-home/.local
mkdir -p "$LOCAL/share/selfcare/routines"
printf 'title: Mine\nsteps:\n  - {name: A, kind: breath, hold: 5s, instructions: Breathe.}\n' \
	> "$LOCAL/share/selfcare/routines/breath-reset.yaml"
cp "$LOCAL/share/selfcare/routines/breath-reset.yaml" "$TMP/mine.yaml"
for i in 1 2; do
	cmake --install "$BUILD" --prefix "$LOCAL" >"$TMP/install-local.log" 2>&1 ||
		{ cat "$TMP/install-local.log"; fail "install --prefix (round $i)"; }
done
CHECKS=$((CHECKS + 1))
cmp -s "$TMP/mine.yaml" "$LOCAL/share/selfcare/routines/breath-reset.yaml" ||
	fail "two installs changed the user's own breath-reset.yaml"
CHECKS=$((CHECKS + 1))
[ "$(ls "$LOCAL/share/selfcare/routines")" = breath-reset.yaml ] ||
	fail "an install wrote into the user's routine directory: $(ls "$LOCAL/share/selfcare/routines")"
CHECKS=$((CHECKS + 1))
outside=$(sed -n 's/^-- \(Installing\|Up-to-date\): //p' "$TMP/install-local.log" | grep -v "^$LOCAL/" || true)
[ -n "$(sed -n 's/^-- \(Installing\|Up-to-date\): //p' "$TMP/install-local.log")" ] && [ -z "$outside" ] ||
	fail "install --prefix $LOCAL wrote outside it: $outside"
CHECKS=$((CHECKS + 1))
[ -n "$(find "$LOCAL" -path '*bash-completion/completions/selfcare')" ] ||
	fail "install --prefix: no bash completion under $LOCAL"
OUT=$(env -i HOME="$TMP/user-home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$LOCAL/bin/selfcare" show breath-reset 2>&1)
out_has "Mine" "the user's own breath-reset shadows the shipped one"
rm -rf "$SRC" "$BUILD"

installed() { CHECKS=$((CHECKS + 1)); [ -f "$DEST$1" ] || fail "not installed: $1 (installed: $(cd "$DEST" && find . -type f | sort | tr '\n' ' '))"; }
installed $PREFIX/bin/selfcare
for r in "$SRC_TREE"/routines/*.yaml; do installed "$PREFIX/share/selfcare/shipped/$(basename "$r")"; done
BASH_DIR=$(pkg-config --define-variable=prefix=$PREFIX --define-variable=datadir=$PREFIX/share \
	--variable=completionsdir bash-completion 2>/dev/null || echo $PREFIX/share/bash-completion/completions)
installed "$BASH_DIR/selfcare"
installed $PREFIX/share/zsh/site-functions/_selfcare
installed $PREFIX/share/fish/vendor_completions.d/selfcare.fish
installed $PREFIX/share/man/man1/selfcare.1
installed $PREFIX/share/man/man5/selfcare-routine.5
installed $PREFIX/share/applications/selfcare.desktop
if command -v desktop-file-validate >/dev/null; then
	CHECKS=$((CHECKS + 1))
	out=$(desktop-file-validate "$DEST$PREFIX/share/applications/selfcare.desktop" 2>&1) ||
		fail "desktop-file-validate: $out"
fi
CHECKS=$((CHECKS + 1))
man -l "$DEST$PREFIX/share/man/man1/selfcare.1" 2>/dev/null | grep -q "history" ||
	fail "the installed selfcare(1) does not read"

# The installed program, nothing else: an empty HOME, no XDG variables.
EMPTY=$TMP/empty-home
mkdir -p "$EMPTY"
installed_run() {
	OUT=$(env -i HOME="$EMPTY" PATH=/usr/bin:/bin LANG=C.UTF-8 "$DEST$PREFIX/bin/selfcare" "$@" 2>"$TMP/err") && RC=0 || RC=$?
	ERR=$(cat "$TMP/err")
}
installed_run list
expect_rc 0 "installed list"
for r in "$SRC_TREE"/routines/*.yaml; do out_has "$(basename "$r" .yaml)" "installed list finds $(basename "$r")"; done
installed_run validate
expect_rc 0 "installed validate: every shipped routine is valid"
n=$(ls "$SRC_TREE"/routines/*.yaml | wc -l)
CHECKS=$((CHECKS + 1))
[ "$(grep -c "^$DEST$PREFIX/share/selfcare/shipped/.*: ok$" <<<"$OUT")" = "$n" ] ||
	fail "installed validate: not all $n shipped routines, from where they were installed: $OUT $ERR"
installed_run show psoas-release
expect_rc 0 "installed show"
out_has "Safety" "installed show: the safety notes first"
installed_run --version
expect_rc 0 "installed --version"
finish
