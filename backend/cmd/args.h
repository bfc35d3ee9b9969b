/*
 * args — the one option parser of the commands (tmux's cmd_entry with its args.c is the
 * model). Each subcommand declares its options as data (cmd_table.c, beside the command
 * table): name, value or flag, required, meaning. The same declaration parses the words
 * ("--opt value" and "--opt=value", positionals counted), and writes `help COMMAND` and
 * `COMMAND --help`. No I/O here beyond the FILE the help is written to.
 */
#ifndef RASHIN_ARGS_H
#define RASHIN_ARGS_H

#include <stdio.h>

/* One option: "--name VALUE" (value names its placeholder) or a flag "--name" (value NULL). */
struct args_opt {
	const char	*name;		/* without the leading "--" */
	const char	*value;		/* placeholder shown in help ("Y", "TEXT"); NULL: a flag */
	int		 required;
	const char	*help;		/* its meaning, N_() (translated when printed) */
};

/* One subcommand of a command: its words, positionals and options. */
struct args_spec {
	const char		*cmd;		/* "eval" */
	const char		*sub;		/* words after it ("submit", "steps add"); "" none */
	const char		*alias;		/* another spelling of sub ("enroll"), or NULL */
	const char		*synopsis;	/* its positionals ("MEASURE [TEXT]"), "" none */
	int			 min, max;	/* how many positionals (max -1: any number) */
	int			 dflt;		/* what the command does given no subcommand */
	const struct args_opt	*opts;		/* ends with a NULL name; NULL for none */
	const char		*help;		/* what it does, N_() */
};

#define ARGS_MAXOPT	24
/*
 * Every value and positional passes the one input rule (lib/text.h text_input_check): an
 * option whose placeholder is "TEXT" is free text (tabs and line breaks allowed) of at
 * most ARGS_TEXT_MAX characters; every other value is one line of at most ARGS_WORD_MAX;
 * a positional is one line of at most ARGS_TEXT_MAX. Stores check their own columns'
 * tighter limits with the same rule.
 */
#define ARGS_TEXT_MAX	8000
#define ARGS_WORD_MAX	200

/* The words parsed against one spec. */
struct args {
	const struct args_spec	*spec;
	const char		*val[ARGS_MAXOPT];	/* by index into spec->opts; "" for a flag */
	int			 npos;
	char			**pos;			/* the positionals, in order */
};

enum { ARGS_OK = 0, ARGS_ERROR = -1, ARGS_HELP = 1 };

/*
 * Parse argv[0..argc) (the words after the command and its subcommand) against spec.
 * "--" ends the options; "-" and other words are positionals. ARGS_OK, ARGS_HELP when
 * "--help" is among the options, or ARGS_ERROR with *why (allocated, translated: what is
 * wrong, e.g. "unknown option --foo", or "--name: character 3, U+202E (a bidirectional
 * control), is not allowed"). a->pos is allocated: args_free.
 */
int		 args_parse(const struct args_spec *, int argc, char **argv, struct args *,
		     char **why);
void		 args_free(struct args *);
/* The value of a declared option, "" for a set flag, NULL when absent (or not declared). */
const char	*args_get(const struct args *, const char *name);
/* 1 when the option was given. */
int		 args_has(const struct args *, const char *name);
/* 1 when spec declares the option. */
int		 args_declares(const struct args_spec *, const char *name);
/* Placeholders (two or more capitals) in the UI language (msgctxt "placeholder"); allocated. */
char		*args_placeholders(const char *);
/* "eval submit MEASURE --grade A-D [options]" (no newline). */
void		 args_synopsis(const struct args_spec *, FILE *);
/* The synopsis, the meaning and every option with its meaning. */
void		 args_help(const struct args_spec *, FILE *);

#endif
