# bash completion for selfcare
_selfcare() {
	local cur=${COMP_WORDS[COMP_CWORD]}
	local cmds="list show run validate help"
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$cmds --help --version" -- "$cur"))
		return
	fi
	case ${COMP_WORDS[1]} in
	show | run | validate)
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
	help)
		COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
		;;
	esac
}
complete -F _selfcare selfcare
