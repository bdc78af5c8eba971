# fish completion for selfcare. Routine names and reminders come from the
# program itself at completion time, so your own routines complete too.

function __selfcare_routines
    selfcare list 2>/dev/null | cut -f1
end

function __selfcare_reminders
    selfcare schedule list 2>/dev/null | cut -f1 | sort -u
end

function __selfcare_reminder_times
    set -l words (commandline -opc)
    selfcare schedule list 2>/dev/null | awk -F'\t' -v n="$words[4]" '$1 == n {print $3}'
end

set -l cmds list show run export validate schedule remind history stats config doctor help
complete -c selfcare -f
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a list -d 'list routines'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a show -d "a routine's safety notes and steps"
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a run -d 'play a routine'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a export -d 'write a routine as an audio file'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a validate -d 'check routine files'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a schedule -d 'daily reminders'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a remind -d 'send a reminder now'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a history -d 'the runs you have played'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a stats -d 'your runs added up'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a config -d 'the settings in effect'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a doctor -d 'check what selfcare depends on'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -a help -d 'help for a command'
complete -c selfcare -l help -d 'show help'
complete -c selfcare -n "not __fish_seen_subcommand_from $cmds" -l version -d 'show the version'

complete -c selfcare -n '__fish_seen_subcommand_from show run validate remind' -a '(__selfcare_routines)'
complete -c selfcare -n '__fish_seen_subcommand_from export; and not __fish_seen_subcommand_from history' -a '(__selfcare_routines)'
# A routine file, too.
complete -c selfcare -n '__fish_seen_subcommand_from show run validate' -F
complete -c selfcare -n '__fish_seen_subcommand_from export; and not __fish_seen_subcommand_from history' -F
complete -c selfcare -n '__fish_seen_subcommand_from help' -a "$cmds"

complete -c selfcare -n '__fish_seen_subcommand_from list' -l tag -x -a '(selfcare list 2>/dev/null | cut -f5 | string split , | sort -u)' -d 'only routines with this tag'
complete -c selfcare -n '__fish_seen_subcommand_from list stats' -l json -d 'JSON output'
complete -c selfcare -n '__fish_seen_subcommand_from validate' -l quiet -d 'only the errors'
complete -c selfcare -n '__fish_seen_subcommand_from show' -l spoken -d 'every utterance and when'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l no-safety-voice -d 'do not read the safety notes aloud'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l safety-voice -d 'read the safety notes aloud before this run'

complete -c selfcare -n '__fish_seen_subcommand_from run' -l yes -d 'start at once'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l plain -d 'one line per event'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l quiet -d 'no sounds'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l no-voice -d 'no spoken guidance'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l voice-rate -x -d 'speech rate, -100 to 100'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l no-notify -d 'no notifications'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l no-checkin -d 'no check-ins'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l resume -d 'continue the last interrupted run'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l voice -d 'spoken guidance, whatever config.yaml says'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l notify -d 'notifications, whatever config.yaml says'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l checkin -d 'check-ins, whatever config.yaml says'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l speed -x -d 'play faster'
complete -c selfcare -n '__fish_seen_subcommand_from run' -s l -l listen -d 'voice commands from the microphone'
complete -c selfcare -n '__fish_seen_subcommand_from run' -l mic -x -a '(pactl list short sources 2>/dev/null | cut -f2)' -d 'PulseAudio source to listen on'

set -l export '__fish_seen_subcommand_from export; and not __fish_seen_subcommand_from history'
complete -c selfcare -n $export -s o -l output -r -F -d 'write this file (- for stdout)'
complete -c selfcare -n $export -l format -x -a 'opus flac wav' -d 'audio format'
complete -c selfcare -n $export -l voice -x -a 'espeak-ng festival' -d 'the synthesizer'
complete -c selfcare -n $export -l voice-rate -x -d 'speech rate, -100 to 100'
complete -c selfcare -n $export -s q -l quiet -d 'no event sounds'
complete -c selfcare -n $export -s f -l force -d 'replace the file'
complete -c selfcare -n $export -l safety-voice -d 'read the safety notes aloud first'

complete -c selfcare -n '__fish_seen_subcommand_from remind' -l snooze -x -d 'snooze time'
complete -c selfcare -n '__fish_seen_subcommand_from remind' -l at -x -d "the reminder's time"

complete -c selfcare -n '__fish_seen_subcommand_from history; and not __fish_seen_subcommand_from export' -a export -d 'everything, as CSV or JSON'
# On an empty word the options are offered beside export, so that Tab
# lists them rather than putting export in by itself: 'selfcare history'
# alone is a whole command.
complete -c selfcare -n '__fish_seen_subcommand_from history; and not __fish_seen_subcommand_from export; and test -z (commandline -ct)' -a '--since --routine --json' -d 'option'
complete -c selfcare -n '__fish_seen_subcommand_from history; and not __fish_seen_subcommand_from export' -l since -x -d 'from this date, YYYY-MM-DD'
complete -c selfcare -n '__fish_seen_subcommand_from history; and not __fish_seen_subcommand_from export' -l routine -x -a '(__selfcare_routines)' -d 'only this routine'
complete -c selfcare -n '__fish_seen_subcommand_from history; and not __fish_seen_subcommand_from export' -l json -d 'JSON output'
complete -c selfcare -n '__fish_seen_subcommand_from export' -l format -x -a 'csv json' -d 'output format'
complete -c selfcare -n '__fish_seen_subcommand_from export' -l reminders -d 'the reminders instead'

set -l sched_subs add list remove
complete -c selfcare -n "__fish_seen_subcommand_from schedule; and not __fish_seen_subcommand_from $sched_subs rm" -a 'add list remove'
complete -c selfcare -n '__fish_seen_subcommand_from schedule; and __fish_seen_subcommand_from add' -a '(__selfcare_routines)'
complete -c selfcare -n '__fish_seen_subcommand_from schedule; and __fish_seen_subcommand_from add' -l at -x -d 'time, HH:MM'
complete -c selfcare -n '__fish_seen_subcommand_from schedule; and __fish_seen_subcommand_from add' -l days -x -a 'daily weekdays weekends mon tue wed thu fri sat sun mon-fri sat-sun' -d 'days'
complete -c selfcare -n '__fish_seen_subcommand_from schedule; and __fish_seen_subcommand_from add' -l backend -x -a 'systemd cron' -d 'backend'
complete -c selfcare -n '__fish_seen_subcommand_from schedule; and __fish_seen_subcommand_from add' -l test -d 'send one now'
complete -c selfcare -n '__fish_seen_subcommand_from schedule; and __fish_seen_subcommand_from list' -l json -d 'JSON output'
complete -c selfcare -n '__fish_seen_subcommand_from schedule; and __fish_seen_subcommand_from remove rm' -a '(__selfcare_reminders)'
complete -c selfcare -n '__fish_seen_subcommand_from schedule; and __fish_seen_subcommand_from remove rm' -l at -x -a '(__selfcare_reminder_times)' -d 'time, HH:MM'
