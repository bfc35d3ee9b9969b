/*
 * serve — until the SSH server (backend/sshd.c) is wired in, the demo keeps the database
 * up and waits for Ctrl-C.
 */
#include "backend/serve.h"

#include <signal.h>
#include <stddef.h>
#include <unistd.h>

#include "backend/config.h"
#include "backend/log.h"

static volatile sig_atomic_t serve_stop;

static void
on_signal(int sig)
{
	(void)sig;
	serve_stop = 1;
}

int
serve_run(struct config *cfg, char **cause)
{
	struct sigaction sa;

	(void)cfg;
	(void)cause;
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	log_info("waiting for SIGINT or SIGTERM");
	while (!serve_stop)
		pause();
	return 0;
}
