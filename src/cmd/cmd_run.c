/* selfcare run: the options, the safety notes and the prompt, which
 * outputs to open, and the end. The run itself (the loop, its inputs and
 * its outputs) is in src/run. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "dynlibs_gate.h"
#include "output.h"
#include "pager.h"
#include "saytime.h"
#include "run.h"
#include "settings.h"
#include "text.h"
#include "util.h"

static int parse_speed(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end != '\0' || !isfinite(v) || v < PLAYER_SPEED_MIN ||
	    v > PLAYER_SPEED_MAX)
		return -1;
	*out = v;
	return 0;
}

static int run_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{"speed", required_argument, NULL, 's'},
		{"yes", no_argument, NULL, 'y'},
		{"quiet", no_argument, NULL, 'q'},
		{"plain", no_argument, NULL, 'p'},
		{"no-notify", no_argument, NULL, 'N'},
		{"no-voice", no_argument, NULL, 'V'},
		{"voice-rate", required_argument, NULL, 'R'},
		{"no-checkin", no_argument, NULL, 'C'},
		{"checkin", no_argument, NULL, 'c'},
		{"voice", no_argument, NULL, 'v'},
		{"notify", no_argument, NULL, 'n'},
		{"resume", no_argument, NULL, 'E'},
		{"no-safety-voice", no_argument, NULL, 'S'},
		{"safety-voice", no_argument, NULL, 'A'},
		{"listen", no_argument, NULL, 'l'},
		{"mic", required_argument, NULL, 'M'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	/* The config file's settings, then the flags. */
	const struct config *cfg = settings();
	double speed = 1.0;
	bool yes = false, quiet = false, plain = false, notify = cfg->notifications;
	bool voice = cfg->voice, checkin = cfg->checkin, resume = false;
	bool safety_voice = cfg->safety_voice, safety_always = false, listen = cfg->listen;
	const char *mic = NULL; /* the default source */
	int rate = cfg->voice_rate == CONFIG_RATE_DEFAULT ? SPEECH_RATE_DEFAULT : cfg->voice_rate;
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, ":s:yqplh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_speed(optarg, &speed) < 0)
				return usage_error("run", "run: --speed takes a number from 0.1 to 1000");
			break;
		case 'y': yes = true; break;
		case 'q': quiet = true; break;
		case 'p': plain = true; break;
		case 'N': notify = false; break;
		case 'V': voice = false; break;
		case 'C': checkin = false; break;
		case 'c': checkin = true; break;
		case 'v': voice = true; break;
		case 'n': notify = true; break;
		case 'E': resume = true; break;
		case 'S': safety_voice = false; break;
		case 'A': safety_voice = safety_always = true; break;
		case 'l': listen = true; break;
		case 'M': listen = true, mic = optarg; break;
		case 'R':
			if (parse_voice_rate("run", optarg, &rate) != 0)
				return EXIT_USAGE;
			break;
		case 'h': command_print_help(&cmd_run); return EXIT_OK;
		default: return command_bad_option(&cmd_run, opts, c, argv);
		}
	}
	if (optind == argc)
		return usage_error("run", "run: which routine? Give a NAME or a FILE");
	if (argc - optind > 1)
		return usage_error("run", "run: too many arguments");

	struct loaded l;
	int code = load_routine_arg(argv[optind], &l);
	if (code != EXIT_OK)
		return code;
	code = -1;
	struct loop lp = {.sfd = -1, .tfd = -1};

	/* sounds: false is quiet by choice: no sound, and no bell for one. */
	struct run r = {.l = &l, .quiet = quiet || !cfg->sounds, .bell = cfg->bell && !quiet,
			.big_digits = cfg->big_digits, .quiet_end = l.routine->end == END_QUIET};
	const char *term = getenv("TERM");
	r.tty = !plain && isatty(STDOUT_FILENO) && isatty(STDIN_FILENO) &&
		!(term && strcmp(term, "dumb") == 0);
	r.term.in = STDIN_FILENO;
	r.term.out = STDOUT_FILENO;
	timeline_expand(l.routine, &r.tl);
	/* Asked only of a person at this terminal: not in the background. */
	r.checkin = checkin && r.tty && tcgetpgrp(STDIN_FILENO) == getpgrp();
	bool ask_before = r.checkin && !yes; /* --yes: start without waiting */
	long long resumed_from = 0;
	int found = resume ? find_resume_point(&r, &resumed_from) : 0;
	if (found < 0) {
		code = found == -2 ? EXIT_DATA : EXIT_FAIL; /* -2: the history is not one */
		goto out;
	}

	unsigned width = term_width(stdout);
	char *notes = NULL;
	size_t notes_len = 0;
	FILE *mem = open_memstream(&notes, &notes_len);
	if (mem == NULL) {
		code = error("run: %s", strerror(errno));
		goto out;
	}
	show_safety(&r, mem, width > 100 ? 100 : width);
	fclose(mem);
	bool prompting = !yes && isatty(STDIN_FILENO);
	/* On a terminal too short for them, a page at a time (space for
	 * more), the prompt after the last. */
	bool paged = prompting && r.tty && pager_needed(notes);
	/* Before a routine's first run, the safety notes are heard, not only
	 * shown: the person may already have shut their eyes. */
	int64_t safety_until = 0;
	if (voice && safety_voice && l.routine->safety_count &&
	    (safety_always || never_completed(&r))) {
		char *words = xmalloc(VOICE_SAFETY_MAX);
		r.speech = speech_spd_open("selfcare", rate); /* its worker blocks every signal */
		voice_safety(l.routine,
			     !prompting ? NULL
			     : paged    ? "Press the space bar for each page of the notes, then Enter "
					  "when you are ready to begin."
					: "Press Enter when you are ready to begin.",
			     words, VOICE_SAFETY_MAX);
		speech_say(r.speech, words);
		safety_until = run_now_ns() + (int64_t)saytime_ms(words, rate) * 1000000LL;
		free(words);
	}
	int paging = pager_show(notes, paged);
	free(notes);
	/* Safety notes nobody can read (stdout full or closed): stop before
	 * any prompt or playback; main() says why. */
	if (stdout_flush() != 0 || paging != 0) {
		code = paging != 0 ? EXIT_STOPPED : EXIT_FAIL;
		goto out;
	}
	if (r.resuming && r.tty) {
		text_wrap(stdout, r.resumed, width > 100 ? 100 : width, 0);
		fputc('\n', stdout);
	}
	if (prompting && wait_for_enter() != 0) {
		code = EXIT_STOPPED;
		goto out;
	}
	if (r.speech)
		wait_for_safety(&r, safety_until, speed);

	if (loop_open(&lp) < 0) {
		code = error("run: cannot set up timers: %s", strerror(errno));
		goto out;
	}
	r.loop = &lp;

	run_open_outputs(&r, notify, voice, quiet, rate);
	r.mic = listen ? mic_sphinx_open(mic) : NULL;
	player_init(&r.player, l.routine, &r.tl, speed, on_event, &r);
	voice_init(&r.voice, rate);
	start_record(&r, resumed_from);

	if (ask_before) {
		/* The person is at the keyboard: the libraries may load now. */
		speech_say(r.speech, checkin_before_said);
		dynlibs_release();
		int sig = ask_tension(checkin_before, &lp, -1, &r.rec.before);
		if (sig) {
			r.end = run_end_for_signal(sig);
		} else {
			speech_cancel(r.speech);
		}
	}
	if (r.end == RUN_INTERRUPTED) {
		if (r.resuming)
			say_resumed(&r);
		/* Plain on a terminal takes the same keys, without echoing them. */
		r.keys = isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp();
		r.term.keys_only = !r.tty;
		r.term.color = cfg->color == CONFIG_COLOR_AUTO ? term_wants_color()
							       : cfg->color == CONFIG_COLOR_ALWAYS;
		if (r.keys && term_enter(&r.term) < 0)
			r.tty = r.keys = false;
		r.ui.screen = r.tty;
		/* The outputs, in the order they hear an event; the record
		 * last, so that it holds what the others made of it. */
		const struct listener *outs[] = {r.tty ? &listen_screen : &listen_plain, &listen_voice,
						 &listen_sound, &listen_notify, &listen_record};
		for (size_t i = 0; i < sizeof(outs) / sizeof(outs[0]); i++)
			r.listeners[r.nlisteners++] = outs[i];
		r.rec.end = play(&r);
		record(&r, run_now_ns());
	}
	dynlibs_release(); /* whichever way play() went */

	run_finish(&r, r.end, width);
	code = run_end_status(r.end);
	player_release(&r.player);
out:
	speech_close(r.speech, 0); /* the safety notes' voice, when the run ended before playing */
	mic_close(r.mic);
	timeline_release(&r.tl);
	loaded_release(&l);
	if (lp.sfd >= 0)
		loop_close(&lp);
	return code;
}

const struct command cmd_run = {
	.name = "run",
	.summary = "play a routine: spoken guidance, sounds, countdown, notifications",
	.usage = "NAME|FILE [OPTIONS]",
	.help = "Play a routine: its safety notes and equipment first, then before each\n"
		"hold a time to get into position while its instructions are shown and\n"
		"spoken, then the hold with a countdown and its cues, and how to come out\n"
		"of it. Speech goes through speech-dispatcher (your voice, rate and\n"
		"language), a different theme sound marks each kind of moment through\n"
		"libcanberra (the terminal bell when no sound can be played), and a\n"
		"desktop notification follows along.\n\n"
		"Options:\n"
		"  -y, --yes         start without waiting for Enter (or the first check-in)\n"
		"  -p, --plain       one line per event, no screen (also when stdout is\n"
		"                    not a terminal, or TERM=dumb); on a terminal the\n"
		"                    keys still work and are not echoed\n"
		"  -q, --quiet       no sounds and no terminal bell\n"
		"      --no-voice    no spoken guidance\n"
		"      --voice-rate N\n"
		"                    speak faster (up to 100) or slower (down to -100)\n"
		"                    than speech-dispatcher's own rate\n"
		"      --no-notify   no desktop notifications\n"
		"      --voice, --notify, --checkin\n"
		"                    on for this run, whatever config.yaml says\n"
		"      --no-checkin  do not ask how tense you feel before and after (asked\n"
		"                    only on the full screen, 0 to 10, Enter skips)\n"
		"      --resume      continue the last run of this routine that did not\n"
		"                    reach its end, from the step where it stopped\n"
		"      --no-safety-voice\n"
		"                    do not read the safety notes aloud before a routine's\n"
		"                    first run (one that has never run to its end; the\n"
		"                    routine begins when they have been read, or at Enter)\n"
		"      --safety-voice\n"
		"                    read them aloud before this run, whatever came before\n"
		"  -l, --listen      take voice commands from the microphone: okay pause,\n"
		"                    okay resume, okay next, okay back, okay again,\n"
		"                    okay longer, okay stop (then okay yes); config.yaml's\n"
		"                    listen: true does the same\n"
		"      --mic SOURCE  listen on this PulseAudio source (pactl list short\n"
		"                    sources); implies --listen\n"
		"  -s, --speed X     play X times faster, from 0.1 to 1000 (demos, tests)\n"
		"  -h, --help        show this help\n\n"
		"Keys: space pause/resume, n or Right next, b or Left back, r restart the\n"
		"step, + and - add or take off 10 s, ? the keys, s the safety notes (shown\n"
		"and read aloud), q or Esc quit (asks first).\n"
		"Ctrl-Z pauses and suspends; 'fg' resumes the hold where it was.\n\n"
		"Every run is recorded in $XDG_STATE_HOME/selfcare/history.db, however it\n"
		"ends; see 'selfcare history' and 'selfcare stats'.\n\n"
		"A suspended computer does not count: the clock is CLOCK_MONOTONIC, which\n"
		"stops while the machine sleeps, so the hold carries on where it was.\n\n"
		"Exit status: 0 the routine ran to its end, 3 you quit before the end,\n"
		"128+N a signal N ended it (130 Ctrl-C, 131 Ctrl-\\, 129 hang-up,\n"
		"143 SIGTERM), 1 failure, 2 usage error, 65 invalid routine.\n",
	.exec = run_exec,
};
