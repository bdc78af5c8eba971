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
rm -rf "$SRC" "$BUILD"

installed() { CHECKS=$((CHECKS + 1)); [ -f "$DEST$1" ] || fail "not installed: $1 (installed: $(cd "$DEST" && find . -type f | sort | tr '\n' ' '))"; }
installed $PREFIX/bin/selfcare
for r in "$SRC_TREE"/routines/*.yaml; do installed "$PREFIX/share/selfcare/routines/$(basename "$r")"; done
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
[ "$(grep -c "^$DEST$PREFIX/share/selfcare/routines/.*: ok$" <<<"$OUT")" = "$n" ] ||
	fail "installed validate: not all $n shipped routines, from where they were installed: $OUT $ERR"
installed_run show psoas-release
expect_rc 0 "installed show"
out_has "Safety" "installed show: the safety notes first"
installed_run --version
expect_rc 0 "installed --version"
finish
