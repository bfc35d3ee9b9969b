/*
 * store_vdi_mfa — TOTP enrolment for VDI accounts: the secret is made here, sealed with
 * the key file's key (secretbox) and stored in vdi_mfa_secret (admins only, no audit
 * trigger); its base32 form leaves rashin once, from store_vdi_mfa_start.
 * Events go to vdi_event without the secret or the codes tried.
 */
#include "backend/store/store_vdi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/secretbox.h"
#include "backend/lib/totp.h"
#include "backend/lib/util.h"

#define MFA_MAX_FAILURES 5	/* wrong codes before an enrolment must start again */

struct mfa_account {
	int	 account_id;
	char	*login;
	char	*state;
	char	*mfa;
	char	*sealed;	/* bytea text form, NULL when none or not readable */
	int	 failures;	/* wrong codes since the enrolment started */
};

static void
mfa_account_free(struct mfa_account *a)
{
	free(a->login);
	free(a->state);
	free(a->mfa);
	if (a->sealed != NULL)
		OPENSSL_cleanse(a->sealed, strlen(a->sealed));
	free(a->sealed);
}

static int
mfa_account(struct db *db, int id, struct mfa_account *a, char **cause)
{
	char ids[16];
	const char *p[1] = { ids };
	PGresult *res;

	memset(a, 0, sizeof *a);
	snprintf(ids, sizeof ids, "%d", id);
	res = db_query(db, "SELECT a.id, s.login, a.state, a.mfa_state, m.secret_enc, "
	    "(SELECT count(*) FROM vdi_event e WHERE e.account_id = a.id "
	    "AND e.event = 'mfa.confirm_failed' AND e.id > coalesce((SELECT max(f.id) "
	    "FROM vdi_event f WHERE f.account_id = a.id AND f.event IN ('mfa.started', "
	    "'mfa.restarted')), 0)) "
	    "FROM vdi_account a JOIN staff s ON s.id = a.staff_id "
	    "LEFT JOIN vdi_mfa_secret m ON m.account_id = a.id WHERE a.request_id = $1::int",
	    1, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return set_cause(cause, "%s %d: %s", _("VDI request"), id,
		    _("no account you may see (not provisioned, or not yours)"));
	}
	a->account_id = db_int(res, 0, 0);
	a->login = xstrdup(db_str(res, 0, 1));
	a->state = xstrdup(db_str(res, 0, 2));
	a->mfa = xstrdup(db_str(res, 0, 3));
	a->sealed = db_isnull(res, 0, 4) ? NULL : xstrdup(db_str(res, 0, 4));
	a->failures = db_int(res, 0, 5);
	PQclear(res);
	return 0;
}

int
store_vdi_mfa_start(struct db *db, const unsigned char *key, int id, char **login, char **b32,
    char **uri, char **cause)
{
	unsigned char secret[TOTP_SECRET_LEN], *sealed = NULL;
	char aad[32], accs[16], *hex = NULL, state[6] = "";
	struct mfa_account a;
	size_t n;
	int rc = -1, restart;

	if (mfa_account(db, id, &a, cause) != 0)
		return -1;
	restart = strcmp(a.mfa, "pending") == 0;
	snprintf(aad, sizeof aad, "rashin-vdi-mfa:%d", a.account_id);
	snprintf(accs, sizeof accs, "%d", a.account_id);
	if (totp_secret_new(secret, cause) != 0 ||
	    secretbox_seal(key, aad, secret, sizeof secret, &sealed, &n, cause) != 0)
		goto out;
	hex = secretbox_hex(sealed, n);
	if (db_begin(db, cause) != 0)
		goto out;
	/* The secret first: its guard wants the account active and not yet enrolled. */
	if (db_exec(db, "INSERT INTO vdi_mfa_secret (account_id, secret_enc) VALUES "
	    "($1::int, $2::bytea) ON CONFLICT (account_id) DO UPDATE SET secret_enc = "
	    "EXCLUDED.secret_enc", 2, (const char *const[]){ accs, hex }, state, cause) != 0 ||
	    db_exec(db, "UPDATE vdi_account SET mfa_state = 'pending', mfa_reason = NULL "
	    "WHERE id = $1::int", 1, (const char *const[]){ accs }, state, cause) != 0 ||
	    (restart && db_exec(db, "INSERT INTO vdi_event (request_id, account_id, event, "
	    "actor_id) SELECT request_id, id, 'mfa.restarted', rs_staff_id() FROM vdi_account "
	    "WHERE id = $1::int", 1, (const char *const[]){ accs }, state, cause) != 0)) {
		if (outcome_is(state, DB_SQLSTATE_DENIED)) {
			free(*cause);
			set_cause(cause, "%s", _("permission denied: only IT staff (role admin) may enrol MFA"));
		}
		db_rollback(db);
		goto out;
	}
	if (db_commit(db, cause) != 0)
		goto out;
	*b32 = base32_encode(secret, sizeof secret, 0);
	*uri = totp_uri(a.login, *b32);
	*login = xstrdup(a.login);
	rc = 0;
out:
	OPENSSL_cleanse(secret, sizeof secret);
	if (sealed != NULL)
		OPENSSL_cleanse(sealed, n);
	free(sealed);
	free(hex);
	mfa_account_free(&a);
	return rc;
}

static void
mfa_failed(struct db *db, int account_id)
{
	char accs[16];

	snprintf(accs, sizeof accs, "%d", account_id);
	/* Best effort: the refusal stands even if the event cannot be written. */
	db_exec(db, "INSERT INTO vdi_event (request_id, account_id, event, actor_id) "
	    "SELECT request_id, id, 'mfa.confirm_failed', rs_staff_id() FROM vdi_account "
	    "WHERE id = $1::int", 1, (const char *const[]){ accs }, NULL, NULL);
}

int
store_vdi_mfa_confirm(struct db *db, const unsigned char *key, int id, const char *code,
    uint64_t now, char **cause)
{
	unsigned char *sealed = NULL, *secret = NULL;
	size_t n = 0, sn = 0;
	char aad[32], accs[16], steps[24], state[6] = "";
	struct mfa_account a;
	uint64_t step;
	int rc = -1;

	if (mfa_account(db, id, &a, cause) != 0)
		return -1;
	if (strcmp(a.mfa, "pending") != 0) {
		set_cause(cause, "%s %d: %s (%s %s)", _("VDI request"), id,
		    _("no MFA enrolment in progress"), _("MFA state"), a.mfa);
		goto out;
	}
	if (a.sealed == NULL) {
		set_cause(cause, "%s", _("permission denied: only IT staff (role admin) may confirm an enrolment"));
		goto out;
	}
	if (a.failures >= MFA_MAX_FAILURES) {
		set_cause(cause, "%s %d: %d %s", _("VDI request"), id, a.failures,
		    _("wrong codes: start the enrolment again (vdi mfa start)"));
		goto out;
	}
	snprintf(aad, sizeof aad, "rashin-vdi-mfa:%d", a.account_id);
	if (secretbox_unhex(a.sealed, &sealed, &n) != 0) {
		set_cause(cause, "%s", _("the stored MFA secret is damaged: start the enrolment again"));
		goto out;
	}
	if (secretbox_open(key, aad, sealed, n, &secret, &sn, cause) != 0)
		goto out;
	if (!totp_verify(secret, sn, now, code, &step)) {
		mfa_failed(db, a.account_id);
		set_cause(cause, "%s %d: %s (%d %s)", _("VDI request"), id,
		    _("the code does not match; check the device's clock and try the current code"),
		    MFA_MAX_FAILURES - a.failures - 1, _("tries left"));
		goto out;
	}
	snprintf(accs, sizeof accs, "%d", a.account_id);
	snprintf(steps, sizeof steps, "%llu", (unsigned long long)step);
	if (db_begin(db, cause) != 0)
		goto out;
	if (db_exec(db, "UPDATE vdi_mfa_secret SET last_step = $2::bigint WHERE account_id = $1::int",
	    2, (const char *const[]){ accs, steps }, state, cause) != 0 ||
	    db_exec(db, "UPDATE vdi_account SET mfa_state = 'enrolled' WHERE id = $1::int", 1,
	    (const char *const[]){ accs }, state, cause) != 0) {
		db_rollback(db);
		goto out;
	}
	rc = db_commit(db, cause);
out:
	if (secret != NULL)
		OPENSSL_cleanse(secret, sn);
	free(secret);
	free(sealed);
	mfa_account_free(&a);
	return rc;
}

enum store_rc
store_vdi_mfa_reset(struct db *db, const char *login, const char *reason, int *id, char **cause)
{
	const char *p[2] = { login, reason };
	char state[6] = "";
	PGresult *res;
	int n;

	res = db_query(db, "UPDATE vdi_account a SET mfa_state = 'none', mfa_reason = $2 "
	    "FROM staff s WHERE s.id = a.staff_id AND s.login = $1 "
	    "AND a.state IN ('active', 'suspended') AND a.mfa_state <> 'none' "
	    "RETURNING a.request_id", 2, p, state, cause);
	if (res == NULL) {
		if (outcome_is(state, DB_SQLSTATE_DENIED)) {
			free(*cause);
			set_cause(cause, "%s", _("permission denied: only IT staff (role admin) may reset MFA"));
			return STORE_REFUSED;
		}
		return outcome_of(state);
	}
	n = PQntuples(res);
	*id = n > 0 ? db_int(res, 0, 0) : 0;
	PQclear(res);
	if (n == 0) {
		set_cause(cause, "%s: %s", login,
		    _("no active or suspended VDI account with MFA started or enrolled that you may reset"));
		return STORE_REFUSED;
	}
	return STORE_OK;
}
