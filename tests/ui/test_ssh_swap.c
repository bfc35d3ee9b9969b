/*
 * test_ssh_swap — a deliberately unusual SSH client for tests/ui/test_ssh.sh: it asks
 * whether one key would be accepted (the probe), then authenticates with a signature from
 * another key, and runs `whoami`. The server must log in as the signer or not at all.
 *   test_ssh_swap PORT USER PROBE_KEY.pub SIGN_KEY
 * Prints whoami's output; exit 0 logged in, 1 refused, 2 usage or connection failure.
 */
#include <stdio.h>
#include <stdlib.h>

#include <libssh/libssh.h>

int
main(int argc, char **argv)
{
	ssh_session	 s = NULL;
	ssh_channel	 ch = NULL;
	ssh_key		 probe = NULL, sign = NULL;
	char		 buf[256];
	int		 port, n, rc = 2, no = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: test_ssh_swap PORT USER PROBE_KEY.pub SIGN_KEY\n");
		return 2;
	}
	port = atoi(argv[1]);
	s = ssh_new();
	if (s == NULL)
		goto out;
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	ssh_options_set(s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(s, SSH_OPTIONS_USER, argv[2]);
	ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
	if (ssh_connect(s) != SSH_OK ||
	    ssh_pki_import_pubkey_file(argv[3], &probe) != SSH_OK ||
	    ssh_pki_import_privkey_file(argv[4], NULL, NULL, NULL, &sign) != SSH_OK) {
		fprintf(stderr, "test_ssh_swap: %s\n", ssh_get_error(s));
		goto out;
	}
	if (ssh_userauth_try_publickey(s, NULL, probe) != SSH_AUTH_SUCCESS)
		printf("probe refused\n");
	if (ssh_userauth_publickey(s, NULL, sign) != SSH_AUTH_SUCCESS) {
		printf("signature refused\n");
		rc = 1;
		goto out;
	}
	ch = ssh_channel_new(s);
	if (ch == NULL || ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_exec(ch, "whoami") != SSH_OK)
		goto out;
	while ((n = ssh_channel_read(ch, buf, sizeof buf, 0)) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	rc = 0;
out:
	if (ch != NULL) {
		ssh_channel_close(ch);
		ssh_channel_free(ch);
	}
	ssh_key_free(probe);
	ssh_key_free(sign);
	if (s != NULL) {
		ssh_disconnect(s);
		ssh_free(s);
	}
	return rc;
}
