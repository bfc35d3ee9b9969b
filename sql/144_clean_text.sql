-- rashin 144: the input rule kept by the database too (defence in depth). Every path that
-- takes text refuses it first (backend/lib/text.h text_input_check: the command line,
-- the console's forms, the imports) and names the character; these triggers refuse what
-- would slip past: a C0 control (tab and line breaks only in multi-line columns), DEL,
-- C1 (U+0080-U+009F) and the bidirectional controls (U+061C, U+200E, U+200F,
-- U+202A-U+202E, U+2066-U+2069), in the main free-text columns. Only a value that is
-- written is checked (an UPDATE leaving a column as it was passes, so a row stored before
-- this rule can still change in other columns). SQLSTATE 23514 (check_violation).
-- As 130's rules, these bind the application (an identity, rs_staff_id()); the owner
-- loading seeds and fixtures, or planting payloads to test the output sanitiser, is taken
-- as given.

-- The first character of v the rule refuses, or NULL.
CREATE FUNCTION rs_bad_char(v text, multiline boolean) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT
	AS $$ SELECT substring(v FROM CASE WHEN multiline
		THEN '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]'
		ELSE '[\x01-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]' END) $$;

-- Trigger: TG_ARGV names the columns to check, '+' before a multi-line one.
CREATE FUNCTION rs_clean_text() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
DECLARE
	arg	text;
	col	text;
	v	text;
	ch	text;
BEGIN
	IF rs_staff_id() IS NULL THEN
		RETURN NEW;	-- seeds, fixtures and migrations
	END IF;
	FOREACH arg IN ARRAY TG_ARGV LOOP
		col := ltrim(arg, '+');
		v := to_jsonb(NEW) ->> col;
		CONTINUE WHEN v IS NULL;
		CONTINUE WHEN TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> col) IS NOT DISTINCT FROM v;
		ch := rs_bad_char(v, left(arg, 1) = '+');
		IF ch IS NOT NULL THEN
			RAISE EXCEPTION USING ERRCODE = 'check_violation',
			    MESSAGE = format('rs_clean_text: %s.%s: character %s, U+%s, is not allowed',
				TG_TABLE_NAME, col, strpos(v, ch), upper(lpad(to_hex(ascii(ch)), 4, '0')));
		END IF;
	END LOOP;
	RETURN NEW;
END $$;

CREATE TRIGGER staff_clean_text BEFORE INSERT OR UPDATE ON staff
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('name', 'kana');
CREATE TRIGGER department_clean_text BEFORE INSERT OR UPDATE ON department
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('name', 'kana');
CREATE TRIGGER measure_clean_text BEFORE INSERT OR UPDATE ON measure
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('name', '+goal', '+overview');
CREATE TRIGGER action_clean_text BEFORE INSERT OR UPDATE ON action
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('title', '+body');
CREATE TRIGGER kpi_value_clean_text BEFORE INSERT OR UPDATE ON kpi_value
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('+note');
CREATE TRIGGER evaluation_clean_text BEFORE INSERT OR UPDATE ON evaluation
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('+cio_comment');
CREATE TRIGGER hearing_clean_text BEFORE INSERT OR UPDATE ON hearing
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('+attendees', '+notes');
CREATE TRIGGER mig_status_clean_text BEFORE INSERT OR UPDATE ON mig_status
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('+note');
CREATE TRIGGER mig_risk_clean_text BEFORE INSERT OR UPDATE ON mig_risk
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('title', '+description');
CREATE TRIGGER mig_risk_comment_clean_text BEFORE INSERT OR UPDATE ON mig_risk_comment
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('+body');
CREATE TRIGGER vdi_request_clean_text BEFORE INSERT OR UPDATE ON vdi_request
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('+reason', '+manager_comment',
	    '+approve_comment', '+reject_reason');
CREATE TRIGGER course_clean_text BEFORE INSERT OR UPDATE ON course
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('title');
CREATE TRIGGER course_session_clean_text BEFORE INSERT OR UPDATE ON course_session
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('place');
CREATE TRIGGER attendance_clean_text BEFORE INSERT OR UPDATE ON attendance
	FOR EACH ROW EXECUTE FUNCTION rs_clean_text('+note');
