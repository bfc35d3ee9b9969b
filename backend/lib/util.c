/*
 * util — allocation wrappers, cause strings, fatal(), small file and hash helpers.
 */
#include "backend/lib/util.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backend/lib/log.h"

static void (*fatal_hook)(void);
static char *oom_note;		/* why memory ran out, when a limit was set */

void
fatal_set_oom_note(char *note)
{
	free(oom_note);
	oom_note = note;
}

/* An allocation failed: say so, with the limit that was reached, in the log too. */
static void __attribute__((noreturn))
oom(size_t nmemb, size_t size)
{
	if (oom_note != NULL) {
		log_error("out of memory (%zu x %zu bytes): %s", nmemb, size, oom_note);
		fatal("out of memory (%zu x %zu bytes): %s", nmemb, size, oom_note);
	}
	fatal("out of memory (%zu x %zu bytes)", nmemb, size);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(1, n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb, size);
	return p;
}

void *
xreallocarray(void *old, size_t nmemb, size_t size)
{
	void *p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal("allocation overflow (%zu x %zu)", nmemb, size);
	p = realloc(old, nmemb * size != 0 ? nmemb * size : 1);
	if (p == NULL)
		oom(nmemb, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		oom(1, strlen(fmt));
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

int
set_cause(char **cause, const char *fmt, ...)
{
	va_list ap;

	if (cause != NULL) {
		va_start(ap, fmt);
		*cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

void
fatal_set_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	void (*hook)(void) = fatal_hook;

	fatal_hook = NULL;
	if (hook != NULL)
		hook();
	fputs("rashin: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	_exit(70);
}

int
read_file(const char *path, char **out, size_t *len, char **cause)
{
	struct stat st;
	char *buf = NULL;
	size_t have = 0, cap;
	ssize_t n;
	int fd, rc = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return set_cause(cause, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) == -1) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	/*
	 * Room for the whole file, its NUL and the read that finds the end, so a file that
	 * does not grow is read without moving; a buffer that must grow is copied and wiped,
	 * never left behind in the heap (secrets are read this way: auth.secret, keys).
	 */
	cap = st.st_size > 0 ? (size_t)st.st_size + 2 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		if (have + 1 >= cap) {
			char *nbuf = xreallocarray(NULL, 2, cap);

			memcpy(nbuf, buf, have);
			explicit_bzero(buf, cap);
			free(buf);
			buf = nbuf;
			cap *= 2;
		}
		n = read(fd, buf + have, cap - have - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			set_cause(cause, "%s: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	buf[have] = '\0';
	*out = buf;
	buf = NULL;
	if (len != NULL)
		*len = have;
	rc = 0;
out:
	if (buf != NULL)
		explicit_bzero(buf, cap);
	free(buf);
	close(fd);
	return rc;
}

void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		fatal("SHA-256 failed");
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	out[64] = '\0';
}

void
chomp(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
mkdir_p(const char *path, mode_t mode, char **cause)
{
	char *copy = xstrdup(path), *p;
	int rc = 0;

	for (p = copy + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(copy, mode) != 0 && errno != EEXIST)
			rc = set_cause(cause, "%s: %s", copy, strerror(errno));
		*p = c;
		if (c == '\0')
			break;
	}
	free(copy);
	return rc;
}

int
die_with_parent(pid_t parent, int sig)
{
	if (prctl(PR_SET_PDEATHSIG, sig) != 0)
		return -1;
	return getppid() == parent ? 0 : -1;
}
