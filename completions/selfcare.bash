# bash completion for selfcare
_selfcare() {
	local cur=${COMP_WORDS[COMP_CWORD]}
	local cmds="list show run validate schedule remind history stats help"
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$cmds --help --version" -- "$cur"))
		return
	fi
	case ${COMP_WORDS[1]} in
	schedule)
		if [ "$COMP_CWORD" -eq 2 ]; then
			COMPREPLY=($(compgen -W "add list remove --help" -- "$cur"))
		elif [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--at --days --backend --json --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(selfcare list 2>/dev/null | cut -f1) daily weekdays weekends systemd cron" -- "$cur"))
		fi
		;;
	show | run | validate | remind)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--help" -- "$cur"))
		else
			local names
			names=$(selfcare list 2>/dev/null | cut -f1)
			COMPREPLY=($(compgen -W "$names" -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur"))
		fi
		;;
	list)
		COMPREPLY=($(compgen -W "--tag --json --help" -- "$cur"))
		;;
	history)
		if [ "$COMP_CWORD" -eq 2 ] && [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -W "export" -- "$cur"))
		elif [ "${COMP_WORDS[2]}" = export ]; then
			COMPREPLY=($(compgen -W "--format csv json --reminders --help" -- "$cur"))
		elif [ "${COMP_WORDS[COMP_CWORD-1]}" = --routine ]; then
			COMPREPLY=($(compgen -W "$(selfcare list 2>/dev/null | cut -f1)" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "--since --routine --json --help" -- "$cur"))
		fi
		;;
	stats)
		COMPREPLY=($(compgen -W "--json --help" -- "$cur"))
		;;
	help)
		COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
		;;
	esac
}
complete -F _selfcare selfcare
