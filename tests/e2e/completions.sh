# Shell completions in the real shells: bash with bash-completion (its
# function called as bash would), fish (complete -C), and zsh typed into a
# terminal (tmux) with compinit. Each must offer the commands, each
# command's options, routine names from the program (a user's own
# included), day specs, and existing reminders for 'schedule remove'. And
# every option a command's --help lists is in every completion file.
source "$(dirname "$0")/lib.sh"
MISSING=
COMPLETIONS=$(realpath "$(dirname "$0")/../../completions")
export SELFCARE_ASSUME_SYSTEMD=1 XDG_STATE_HOME=$TMP/home/.local/state
mkdir -p "$TMP/bin"
ln -s "$SELFCARE" "$TMP/bin/selfcare"
export PATH=$TMP/bin:/usr/bin:/bin
routine mine "My own" own > "$USER_DIR/my-own-routine.yaml"
routine file "A file" own > "$TMP/my-file.yaml"
# A reminder to remove, in a systemd unit of this HOME (nothing is
# enabled). 'schedule' reads the real crontab too: take turns with the
# tests that write it, and never remove through it.
exec 9>/tmp/selfcare-e2e-crontab.lock
flock 9
run schedule add desk-reset --at 12:30 --backend systemd; expect_rc 0 "a reminder to complete"

COMMANDS=$("$SELFCARE" --help | sed -n '/^Commands:/,/^$/{/^  /s/^  \([a-z]*\) .*/\1/p}')

# Every option of every command's --help, and of the subcommands', in
# every file.
for file in selfcare.bash _selfcare selfcare.fish; do
	for c in $COMMANDS "schedule add" "schedule list" "schedule remove" "history export"; do
		read -ra words <<<"$c"
		for opt in $("$SELFCARE" "${words[@]}" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
			[ "$opt" = --help ] || [ "$opt" = --version ] && continue
			name=${opt#--}
			CHECKS=$((CHECKS + 1))
			grep -qE -- "(--|-l )$name\b" "$COMPLETIONS/$file" ||
				fail "$file lacks $opt of '$c'"
		done
	done
	for c in $COMMANDS; do
		CHECKS=$((CHECKS + 1))
		grep -qw -- "$c" "$COMPLETIONS/$file" || fail "$file lacks the command $c"
	done
done

# has WHAT GOT WANT...: each of WANT is a word of GOT
has() {
	local what=$1 got=$2 w
	shift 2
	for w in "$@"; do
		CHECKS=$((CHECKS + 1))
		grep -qxF -- "$w" <<<"$(tr ' \t' '\n\n' <<<"$got")" || fail "$what: '$w' not offered:"$'\n'"$got"
	done
}

# --- bash, with bash-completion --------------------------------------------
BASH_COMPLETION=/usr/share/bash-completion/bash_completion
if [ -r "$BASH_COMPLETION" ]; then
	bash_complete() { # the line so far (ending in a space for a new word)
		bash --norc --noprofile -c '
			source "$1"; source "$2"
			read -ra COMP_WORDS <<<"$3"
			[ "${3: -1}" = " " ] && COMP_WORDS+=("")
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMP_LINE=$3 COMP_POINT=${#3}
			_selfcare selfcare "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
			printf "%s\n" "${COMPREPLY[@]}"' _ "$BASH_COMPLETION" "$COMPLETIONS/selfcare.bash" "$1"
	}
	has "bash: commands" "$(bash_complete 'selfcare ')" $COMMANDS
	has "bash: routines" "$(bash_complete 'selfcare run ')" desk-reset psoas-release my-own-routine
	has "bash: run's options" "$(bash_complete 'selfcare run desk-reset --no-')" --no-voice --no-notify --no-checkin
	has "bash: days" "$(bash_complete 'selfcare schedule add desk-reset --at 08:00 --days ')" daily weekdays weekends mon-fri
	has "bash: schedule remove" "$(bash_complete 'selfcare schedule remove ')" desk-reset
	has "bash: its times" "$(bash_complete 'selfcare schedule remove desk-reset --at ')" 12:30
	has "bash: history" "$(bash_complete 'selfcare history ')" export --json --since
	has "bash: history e" "$(bash_complete 'selfcare history e')" export
	has "bash: a routine file" "$(cd "$TMP" && bash_complete 'selfcare validate my')" my-file.yaml
	has "bash: tags" "$(bash_complete 'selfcare list --tag ')" hips own
	CHECKS=$((CHECKS + 1))
	[ -z "$(bash_complete 'selfcare show desk-reset ')" ] || fail "bash: show takes one routine"
	has "bash: export's options" "$(bash_complete 'selfcare history export --')" --format --reminders
else
	MISSING="$MISSING bash-completion"
fi

# --- fish ------------------------------------------------------------------
if command -v fish >/dev/null; then
	fish_complete() {
		fish --no-config -c "source $COMPLETIONS/selfcare.fish; complete -C '$1'" | cut -f1
	}
	has "fish: commands" "$(fish_complete 'selfcare ')" $COMMANDS
	has "fish: routines" "$(fish_complete 'selfcare run ')" desk-reset my-own-routine
	has "fish: history offers, not inserts, export" "$(fish_complete 'selfcare history ')" export --json
	has "fish: run's options" "$(fish_complete 'selfcare run desk-reset --no-')" --no-voice --no-checkin
	has "fish: days" "$(fish_complete 'selfcare schedule add desk-reset --days ')" daily weekdays mon-fri
	has "fish: schedule remove" "$(fish_complete 'selfcare schedule remove ')" desk-reset
	has "fish: its times" "$(fish_complete 'selfcare schedule remove desk-reset --at ')" 12:30
	has "fish: export's formats" "$(fish_complete 'selfcare history export --format ')" csv json
	has "fish: a routine file" "$(cd "$TMP" && fish_complete 'selfcare validate my')" my-file.yaml
	has "fish: tags" "$(fish_complete 'selfcare list --tag ')" hips own
else
	MISSING="$MISSING fish"
fi

# --- zsh, typed into a terminal --------------------------------------------
if command -v zsh >/dev/null && command -v tmux >/dev/null; then
	SOCK=selfcare-completions-$$
	T() { tmux -L "$SOCK" -f /dev/null "$@"; }
	trap 'T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
	mkdir -p "$TMP/zfunc"
	cp "$COMPLETIONS/_selfcare" "$TMP/zfunc/"
	cat > "$TMP/.zshrc" <<ZSH
fpath=($TMP/zfunc \$fpath)
autoload -U compinit && compinit -u -d $TMP/zcompdump
LISTMAX=0
PS1='%% '
ZSH
	T new-session -d -x 200 -y 50 "env -i HOME=$HOME PATH=$PATH TERM=xterm-256color XDG_DATA_HOME=$XDG_DATA_HOME XDG_DATA_DIRS=$XDG_DATA_DIRS XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_STATE_HOME=$XDG_STATE_HOME SELFCARE_ASSUME_SYSTEMD=1 ZDOTDIR=$TMP zsh -i"
	for i in $(seq 100); do T capture-pane -p | grep -q '^%' && break; sleep 0.1; done
	# zsh_has WHAT LINE WORD...: type LINE and Tab; every WORD is offered
	# (on the line or in the list below it) within 20 s.
	# zsh_type LINE: on a fresh prompt (the clear done: nothing but the
	# prompt on the screen), the line, a moment, then the Tab.
	zsh_type() {
		local i
		T send-keys C-c
		T send-keys "clear" Enter
		for i in $(seq 100); do
			[ "$(T capture-pane -p | grep .)" = "%" ] && break
			sleep 0.1
		done
		T send-keys -l "$1"
		for i in $(seq 50); do
			T capture-pane -p | grep -qF -- "% ${1% }" && break
			sleep 0.1
		done
		sleep 0.3
		T send-keys Tab
	}
	# zsh_has WHAT LINE WORD...: every WORD is offered (on the line or in
	# the list below it). On a loaded machine zsh now and then shows
	# nothing for a Tab; the line is typed again, at most three times, and
	# a completion that offers nothing fails all three.
	zsh_has() {
		local what=$1 line=$2 i w got missing try
		shift 2
		for try in 1 2 3; do
			zsh_type "$line"
			for i in $(seq 80); do
				sleep 0.1
				got=$(T capture-pane -p)
				missing=
				for w in "$@"; do
					grep -qxF -- "$w" <<<"$(tr ' \t' '\n\n' <<<"$got")" || missing="$missing $w"
				done
				[ -z "$missing" ] && break 2
			done
		done
		for w in "$@"; do
			CHECKS=$((CHECKS + 1))
			case " $missing " in *" $w "*) fail "$what: '$w' not offered:"$'\n'"$got" ;; esac
		done
	}
	zsh_has "zsh: commands" 'selfcare ' list show run validate schedule history stats doctor
	zsh_has "zsh: routines" 'selfcare run ' desk-reset psoas-release my-own-routine
	zsh_has "zsh: run's options" 'selfcare run desk-reset --no-' --no-voice --no-notify --no-checkin
	zsh_has "zsh: days" 'selfcare schedule add desk-reset --days ' daily weekdays mon-fri
	zsh_has "zsh: schedule remove" 'selfcare schedule remove desk' desk-reset
	zsh_has "zsh: export's formats" 'selfcare history export --format ' csv json
	zsh_has "zsh: history offers, not inserts, export" 'selfcare history ' export --json --since
	zsh_has "zsh: tags" 'selfcare list --tag ' hips own
	zsh_has "zsh: a routine file" "selfcare validate $TMP/my" "$TMP/my-file.yaml"
	T kill-server
else
	MISSING="$MISSING zsh-or-tmux"
fi

# A shell that is not there is a skip, never a pass: exit 77 (CTest
# counts it as skipped) when nothing else failed.
if [ -n "$MISSING" ] && [ "$FAILS" = 0 ]; then
	echo "completions: not installed:$MISSING; skipped"
	exit 77
fi
finish
