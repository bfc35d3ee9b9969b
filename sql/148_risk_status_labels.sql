-- rashin 148: a risk's status is given as its kind is: by its code or by either label, from
-- one list (rs_label) that the command line, the :risks forms and the database's rule read
-- alike (store_risk.c mig_risk_code; rs_code_of). The labels are those the console shows.
INSERT INTO rs_label (domain, code, label_ja, label_en, seq) VALUES
	('risk_status', 'open', '未対応', 'open', 1),
	('risk_status', 'in_progress', '作業中', 'in progress', 2),
	('risk_status', 'resolved', '解決', 'resolved', 3),
	('risk_status', 'closed', 'クローズ', 'closed', 4)
ON CONFLICT (domain, code) DO NOTHING;
