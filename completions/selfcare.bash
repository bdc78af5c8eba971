# bash completion for selfcare. Routine names and reminders come from the
# program itself at completion time, so your own routines complete too.

_selfcare_routines() {
	selfcare list 2>/dev/null | cut -f1
}

_selfcare() {
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	local cmds="list show run export validate schedule remind history stats config doctor help"
	local days="daily weekdays weekends mon tue wed thu fri sat sun mon-fri sat-sun"
	if [ "$cword" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$cmds --help --version" -- "$cur"))
		return
	fi
	local cmd=${words[1]} sub=${words[2]:-} opts=""
	case $cmd in
	list) opts="--tag --json --help" ;;
	show) opts="--spoken --help" ;;
	run) opts="--yes --plain --quiet --no-voice --voice --voice-rate --no-notify --notify --no-checkin --checkin --no-safety-voice --safety-voice --resume --speed --listen --mic --help" ;;
	export) opts="--output --format --voice --voice-rate --quiet --safety-voice --force --help" ;;
	validate) opts="--quiet --help" ;;
	remind) opts="--snooze --at --help" ;;
	stats) opts="--json --help" ;;
	config) opts="--help" ;;
	doctor) opts="--help" ;;
	history)
		if [ "$sub" = export ]; then
			opts="--format --reminders --help"
		else
			opts="--since --routine --json --help"
		fi
		;;
	schedule)
		case $sub in
		add) opts="--at --days --backend --test --help" ;;
		list) opts="--json --help" ;;
		remove | rm) opts="--at --help" ;;
		esac
		;;
	esac

	# The value of an option.
	case $prev in
	--days) COMPREPLY=($(compgen -W "$days" -- "$cur")); return ;;
	--backend) COMPREPLY=($(compgen -W "systemd cron" -- "$cur")); return ;;
	--format)
		if [ "$cmd" = export ]; then
			COMPREPLY=($(compgen -W "opus flac wav" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "csv json" -- "$cur"))
		fi
		return
		;;
	--voice) [ "$cmd" = export ] && { COMPREPLY=($(compgen -W "espeak-ng festival" -- "$cur")); return; } ;;
	-o | --output) [ "$cmd" = export ] && { COMPREPLY=($(compgen -f -- "$cur")); return; } ;;
	--routine) COMPREPLY=($(compgen -W "$(_selfcare_routines)" -- "$cur")); return ;;
	--tag)
		COMPREPLY=($(compgen -W "$(selfcare list 2>/dev/null | cut -f5 | tr ', ' '\n\n' | sort -u)" -- "$cur"))
		return
		;;
	--at)
		if [ "$cmd" = schedule ] && { [ "$sub" = remove ] || [ "$sub" = rm ]; }; then
			local name=${words[3]}
			COMPREPLY=($(compgen -W "$(selfcare schedule list 2>/dev/null | awk -F'\t' -v n="$name" '$1 == n {print $3}')" -- "$cur"))
		fi
		return
		;;
	--mic) COMPREPLY=($(compgen -W "$(pactl list short sources 2>/dev/null | cut -f2)" -- "$cur")); return ;;
	--speed | --voice-rate | --since | --snooze) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	show | run | export | validate | remind)
		# One routine (validate takes several): a name, or a .yaml file.
		local operands=0 i
		for ((i = 2; i < cword; i++)); do [[ ${words[i]} == -* ]] || operands=$((operands + 1)); done
		[ "$operands" -gt 0 ] && [ "$cmd" != validate ] && return
		COMPREPLY=($(compgen -W "$(_selfcare_routines)" -- "$cur"))
		[ "$cmd" = remind ] && return
		COMPREPLY+=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -d -S / -- "$cur"))
		compopt -o nospace 2>/dev/null
		[ "${#COMPREPLY[@]}" = 1 ] && [[ ${COMPREPLY[0]} != */ ]] && compopt +o nospace 2>/dev/null
		;;
	schedule)
		if [ "$cword" -eq 2 ]; then
			COMPREPLY=($(compgen -W "add list remove" -- "$cur"))
		elif [ "$cword" -eq 3 ] && [ "$sub" = add ]; then
			COMPREPLY=($(compgen -W "$(_selfcare_routines)" -- "$cur"))
		elif [ "$cword" -eq 3 ] && { [ "$sub" = remove ] || [ "$sub" = rm ]; }; then
			COMPREPLY=($(compgen -W "$(selfcare schedule list 2>/dev/null | cut -f1 | sort -u)" -- "$cur"))
		fi
		;;
	history)
		# Offered beside the options, never put in by itself: 'selfcare
		# history' alone is a whole command.
		[ "$cword" -eq 2 ] && COMPREPLY=($(compgen -W "export $opts" -- "$cur"))
		;;
	help)
		[ "$cword" -eq 2 ] && COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
		;;
	esac
}
complete -F _selfcare selfcare
