/*
 * keymap — keys and actions. Every action is declared once in ACTION_INFO (its name for
 * `:` commands, default keys, F-key, key-bar label and help text), so the help screen,
 * the function-key bar and the command line all come from here (tig's REQ_INFO).
 * A screen has its own small keymap that is looked up first; the generic keymap built
 * from the defaults below is the fallback (tig's view keymap, then generic).
 *
 * Keys are ints: a Unicode code point for characters (as wget_wch gives them),
 * KEYMAP_KEY(KEY_xxx) for curses key codes. Esc followed by a digit is the F-key of
 * that digit (Esc 0 = F10), because F-keys are unreliable over SSH.
 */
#ifndef RASHIN_KEYMAP_H
#define RASHIN_KEYMAP_H

#include <stddef.h>

#include "tui/tui.h"

#define KEYMAP_SPECIAL		0x01000000
#define KEYMAP_META_BIT		0x02000000
#define KEYMAP_KEY(k)		(KEYMAP_SPECIAL | (k))
#define KEYMAP_F(n)		KEYMAP_KEY(KEY_F(n))
#define KEYMAP_META(c)		(KEYMAP_META_BIT | (c))
#define KEYMAP_CTRL(c)		((c) & 0x1f)
#define KEYMAP_ESC		0x1b
#define KEYMAP_RESIZE		KEYMAP_KEY(KEY_RESIZE)
#define KEYMAP_NONE		(-1)	/* no key waiting */
/*
 * The key of export-line (書き出し) on every screen that has the action: one key on all
 * of them (x is close, revoke or absent on :risks, :vdi and :training). Screens bind it by
 * this name; tests/db/keys_registry fails when two screens bind export-line differently.
 */
#define KEYMAP_EXPORT_KEY	"E"
#define KEYMAP_EOF		(-2)	/* the terminal went away */

/*
 * The actions. keys: default key names separated by spaces (see keymap_parse_key);
 * fkey: the F-key number shown in the key bar (0 = none); label: short key-bar text;
 * help: one line for the help screen.
 */
#define ACTION_INFO(X) \
	/* id             name            keys              fkey label             help */ \
	X(HELP,          "help",         "? F1",           1,  N_("Help"),       N_("Show the keys of this screen")) \
	X(SAVE,          "save",         "C-s F2",         2,  N_("Save"),       N_("Save the form")) \
	X(SEARCH,        "search",       "/ F3",           3,  N_("Find"),       N_("Filter the list as you type")) \
	X(RELOAD,        "reload",       "F5 C-r",         5,  N_("Reload"),     N_("Read the data again")) \
	X(QUIT,          "quit",         "F10 C-q",        10, N_("Quit"),       N_("Leave rashin")) \
	X(BACK,          "back",         "q Esc",          0,  N_("Back"),       N_("Close this screen")) \
	X(COMMAND,       "command",      ":",              0,  N_("Command"),    N_("Type a command (:measures, :mig, :q ...)")) \
	X(REDRAW,        "redraw",       "C-l",            0,  N_("Redraw"),     N_("Redraw the whole terminal")) \
	X(UP,            "up",           "Up k",           0,  N_("Up"),         N_("Move up one row")) \
	X(DOWN,          "down",         "Down j",         0,  N_("Down"),       N_("Move down one row")) \
	X(PAGE_UP,       "page-up",      "PgUp C-b",       0,  N_("Page up"),    N_("Move up one page")) \
	X(PAGE_DOWN,     "page-down",    "PgDn C-f Space", 0,  N_("Page down"),  N_("Move down one page")) \
	X(HOME,          "home",         "Home g",         0,  N_("First"),      N_("Go to the first row")) \
	X(END,           "end",          "End G",          0,  N_("Last"),       N_("Go to the last row")) \
	X(LEFT,          "left",         "Left h",         0,  N_("Left"),       N_("Move left")) \
	X(RIGHT,         "right",        "Right l",        0,  N_("Right"),      N_("Move right")) \
	X(ENTER,         "open",         "Enter",          0,  N_("Open"),       N_("Open the selected item")) \
	X(SORT,          "sort",         "s",              0,  N_("Sort"),       N_("Sort by the next column")) \
	X(SORT_REVERSE,  "sort-reverse", "S",              0,  N_("Reverse"),    N_("Reverse the sort order")) \
	X(NEXT_FIELD,    "next-field",   "Tab",            0,  N_("Next"),       N_("Next field")) \
	X(PREV_FIELD,    "prev-field",   "BTab",           0,  N_("Previous"),   N_("Previous field")) \
	/* the migration board (screens/mig.c): a cell's status, the rows shown, a system */ \
	X(SET_DONE,      "set-done",     "",               0,  N_("completed"),  N_("Set the selected step completed")) \
	X(SET_DOING,     "set-doing",    "",               0,  N_("in progress"), N_("Set the selected step in progress")) \
	X(SET_TODO,      "set-todo",     "",               0,  N_("not started"), N_("Set the selected step not started")) \
	X(SET_NA,        "set-na",       "",               0,  N_("not applicable"), N_("Set the selected step not applicable")) \
	X(ONLY_MINE,     "only-mine",    "",               0,  N_("Mine only"),  N_("Show only the systems you may change (again: all)")) \
	X(DETAIL,        "detail",       "",               0,  N_("Detail"),     N_("Open the selected system's detail")) \
	X(GO_DASHBOARD,  "dash",         "",              0,  N_("Dashboard"),  N_("Open the dashboard")) \
	X(GO_MEASURES,   "measures",     "",              0,  N_("Plan"),       N_("Open the measure catalogue")) \
	X(GO_SCHEDULE,   "schedule",     "",               0,  N_("Gantt"),      N_("Open the schedule (Gantt by fiscal year)")) \
	X(GO_EVAL,       "eval",         "",               0,  N_("Evaluation"), N_("Open the PDCA evaluations")) \
	X(GO_MIG,        "mig",          "",               0,  N_("Migration"),  N_("Open the standardisation migration board")) \
	X(GO_RISKS,      "risks",        "",               0,  N_("Risks"),      N_("Open the migration issue and risk log")) \
	X(GO_VDI,        "vdi",          "",               0,  N_("VDI"),        N_("Open the telework VDI accounts")) \
	X(GO_TRAINING,   "training",     "",               0,  N_("Training"),   N_("Open the training records")) \
	X(GO_STAFF,      "staff",        "",               0,  N_("Staff"),      N_("Open the staff list")) \
	X(GO_DEPTS,      "depts",        "",               0,  N_("Departments"), N_("Open the departments")) \
	X(GO_KEYS,       "keys",         "",               0,  N_("SSH keys"),   N_("Open the SSH keys")) \
	X(GO_AUDIT,      "audit",        "",               0,  N_("Audit"),      N_("Open the audit trail")) \
	X(NEW,           "new",          "",               0,  N_("New"),        N_("Add a new record")) \
	X(EDIT,          "edit",         "",               0,  N_("Edit"),       N_("Edit the selected record")) \
	X(MOVE,          "move",         "",               0,  N_("Move"),       N_("Move to another department")) \
	X(DEACTIVATE,    "deactivate",   "",               0,  N_("Deactivate"), N_("Deactivate the selected member (keys and VDI revoked)")) \
	X(REVOKE,        "revoke",       "",               0,  N_("Revoke"),     N_("Revoke the selected key with a reason")) \
	X(PERSON,        "person",       "",               0,  N_("Person"),     N_("Choose whose records to show")) \
	X(KEYS_OF,       "keys-of",      "",               0,  N_("Keys"),       N_("Show the selected member's SSH keys")) \
	X(ADD_ACTION,    "add-action",   "",               0,  N_("Add action"), N_("Add a concrete action under the selected measure")) \
	X(STATUS_NEXT,   "status-next",  "",               0,  N_("Status"),     N_("Choose the selected measure's status from a list (asks before saving)")) \
	X(KPI_ACTUAL,    "kpi-actual",   "",               0,  N_("KPI actual"), N_("Record a KPI's actual (and target) of the selected measure for a year")) \
	X(NEXT_BAR,      "next-bar",     "",               0,  N_("Bar"),        N_("Select the next bar (phase) of the row")) \
	X(EARLIER,       "earlier",      "",               0,  N_("Earlier"),    N_("Move the selected bar a year earlier (a month in the month view)")) \
	X(LATER,         "later",        "",               0,  N_("Later"),      N_("Move the selected bar a year later (a month in the month view)")) \
	X(SHRINK,        "shrink",       "",               0,  N_("Shorter"),    N_("End the selected bar a year (month) earlier")) \
	X(EXTEND,        "extend",       "",               0,  N_("Longer"),     N_("End the selected bar a year (month) later")) \
	X(MONTHS,        "months",       "",               0,  N_("Months"),     N_("Show the months of one fiscal year, or the years again")) \
	X(ACTIONS,       "actions",      "",               0,  N_("Actions"),    N_("Show or hide the concrete actions under each measure")) \
	X(PREV_YEAR,     "prev-year",    "",               0,  N_("Prev. year"), N_("Show the previous fiscal year")) \
	X(NEXT_YEAR,     "next-year",    "",               0,  N_("Next year"),  N_("Show the next fiscal year")) \
	X(EVAL_FIRST,    "eval-first",   "",               0,  N_("1st eval."),  N_("Write the department's 1st evaluation of the selected measure")) \
	X(EVAL_COMMENT,  "eval-comment", "",               0,  N_("Comment"),    N_("Write the CIO adviser's comment on the selected measure")) \
	X(EVAL_SECOND,   "eval-second",  "",               0,  N_("2nd eval."),  N_("Write the DX council's 2nd evaluation of the selected measure")) \
	X(PUBLISH,       "publish",      "",               0,  N_("Publish"),    N_("Publish the selected measure's evaluation")) \
	X(REVISE,        "revise",       "",               0,  N_("Revise"),     N_("Open a new revision of the selected measure's published evaluation")) \
	X(HEARING,       "hearing",      "",               0,  N_("Hearing"),    N_("Record a hearing on the selected measure")) \
	X(APPROVE,       "approve",      "",               0,  N_("Approve"),    N_("Approve the selected request's next step (with a comment)")) \
	X(REJECT,        "reject",       "",               0,  N_("Reject"),     N_("Reject the selected request (with a reason)")) \
	X(MFA,           "mfa",          "",               0,  N_("MFA"),        N_("Enrol MFA for the selected account (QR code)")) \
	X(MARK_PRESENT,  "mark-present", "",               0,  N_("Present"),    N_("Mark the selected member present")) \
	X(MARK_LATE,     "mark-late",    "",               0,  N_("Late"),       N_("Mark the selected member late")) \
	X(MARK_EXCUSED,  "mark-excused", "",               0,  N_("Excused"),    N_("Mark the selected member excused")) \
	X(MARK_ABSENT,   "mark-absent",  "",               0,  N_("Absent"),     N_("Mark the selected member absent")) \
	X(ALL_PRESENT,   "all-present",  "",               0,  N_("All present"), N_("Mark everyone not yet marked present")) \
	X(TRANSCRIPT,    "transcript",   "",               0,  N_("Transcript"), N_("Show the selected member's transcript (yours outside a roster)")) \
	X(REPORT,        "report",       "",               0,  N_("Report"),     N_("Show the mandatory course report, then the DX leader report")) \
	/* :vdi's account actions and :risks' (screens/vdi.c, screens/risks.c) */ \
	X(PROVISION,     "provision",    "",               0,  N_("Provision"),  N_("Record the VDI account created for the approved request (user name, pool)")) \
	X(SUSPEND,       "suspend",      "",               0,  N_("Suspend"),    N_("Suspend the selected VDI account (with a reason)")) \
	X(RESUME,        "resume",       "",               0,  N_("Resume"),     N_("Resume the selected suspended VDI account")) \
	X(VDI_REVOKE,    "vdi-revoke",   "",               0,  N_("Revoke"),     N_("Revoke the selected VDI account for good (with a reason)")) \
	X(RENEW,         "renew",        "",               0,  N_("Renew"),      N_("Request a renewal of the selected account (a new end date)")) \
	X(MFA_RESET,     "mfa-reset",    "",               0,  N_("MFA reset"),  N_("Reset the MFA of the selected account (with a reason); it is enrolled again")) \
	X(EXPORT_LINE,   "export-line",  "",               0,  N_("Export"),     N_("Show the ssh lines that export or import this screen's data")) \
	X(CLOSE,         "close",        "",               0,  N_("Close"),      N_("Close the selected entry (with a note)")) \
	X(COMMENT,       "comment",      "",               0,  N_("Comment"),    N_("Add a comment to the selected entry")) \
	/* the dashboard's tiles (screens/dashboard.c) */ \
	X(NEXT_TILE,     "next-tile",    "",               0,  N_("Next tile"),  N_("Focus the next tile of the dashboard")) \
	X(ABOUT,         "about",        "",               0,  N_("About"),      N_("Show what the focused tile's figures are: definition, source, fiscal year")) \
	/* :mig's step list and cell form (issue 25) */ \
	X(CELL_EDIT,     "cell-edit",    "",               0,  N_("Dates/note"), N_("Edit the selected step's planned dates, owner and note")) \
	X(STEP_ADD,      "step-add",     "",               0,  N_("Add step"),   N_("Add a step to the procedure's step list")) \
	X(STEP_RENAME,   "step-rename",  "",               0,  N_("Rename step"), N_("Rename the selected step")) \
	X(STEP_MOVE,     "step-move",    "",               0,  N_("Move step"),  N_("Move the selected step to another place in the list")) \
	X(STEP_RETIRE,   "step-retire",  "",               0,  N_("Retire step"), N_("Retire the selected step (its cells are kept)")) \
	X(STEP_RESTORE,  "step-restore", "",               0,  N_("Restore step"), N_("Bring a retired step back"))

enum action {
	ACTION_NONE,
#define ACTION_ENUM(id, name, keys, fkey, label, help) ACTION_##id,
	ACTION_INFO(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION__COUNT
};

struct action_info {
	enum action	 id;
	const char	*name;
	const char	*keys;
	int		 fkey;
	const char	*label;		/* untranslated; _() when drawn */
	const char	*help;		/* untranslated; _() when drawn */
};

/* One binding as a screen writes it: key names ("m", "C-s", "F2", "Esc") and action. */
struct keymap_bind {
	const char	*keys;
	enum action	 action;
	int		 bar;		/* show in the key bar */
};

struct keymap_entry {
	int		 key;
	enum action	 action;
	int		 bar;		/* shown in the key bar */
	int		 seq;		/* order the bindings were written in */
};

struct keymap {
	const char		*name;		/* "generic" or the screen's name */
	struct keymap_entry	*entries;	/* sorted by key */
	size_t			 n;
};

const struct action_info	*action_get(enum action);
/* By name as typed after ':' (exact); NULL if none. */
const struct action_info	*action_find(const char *name);

/*
 * Parse a key name: a single character ("m", "?", "施"), "C-x", "M-x", "F1".."F12",
 * "Esc", "Enter", "Tab", "BTab", "Space", "Backspace", "Delete", "Insert", "Up", "Down",
 * "Left", "Right", "PgUp", "PgDn", "Home", "End". Returns KEYMAP_NONE if unknown.
 */
int	 keymap_parse_key(const char *);
/* The key's name as the help screen shows it, into buf (NUL-terminated). */
void	 keymap_key_name(int key, char *buf, size_t len);

/* The generic keymap, built once from ACTION_INFO's defaults. */
const struct keymap	*keymap_generic(void);
/* A screen's keymap from its bindings; 0, or -1 with *cause on an unknown key name. */
int	 keymap_build(struct keymap *, const char *name, const struct keymap_bind *,
	    size_t n, char **cause);
void	 keymap_free(struct keymap *);
/* Look key up in km (may be NULL), then in the generic keymap. */
enum action	 keymap_lookup(const struct keymap *km, int key);
/*
 * The keys bound to action in km, then those of the generic keymap that km does not
 * take over, each once, as names joined by " / " into buf ("" if none).
 */
void	 keymap_keys_for(const struct keymap *km, enum action, char *buf, size_t len);
/* 1 if km (may be NULL) binds a key to action. */
int	 keymap_binds(const struct keymap *km, enum action);

/*
 * Read one key from w: waits up to timeout_ms (-1 = forever, 0 = poll). Returns a key,
 * KEYMAP_NONE, or KEYMAP_EOF. Esc then a digit within esc_wait_ms gives that F-key.
 */
int	 keymap_read(WINDOW *w, int timeout_ms);
/*
 * Give key back: the next keymap_read returns it first (one key). A dialog that closes
 * on a key meant for the screen (`:` typed while it was open) hands it on this way.
 */
void	 keymap_unread(int key);
/* 1 when keymap_unread left a key to read. */
int	 keymap_unread_pending(void);
/* How long Esc waits for a digit (ms); default 400. */
void	 keymap_set_esc_wait(int ms);

#endif
