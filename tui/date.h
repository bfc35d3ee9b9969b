/*
 * date — dates and fiscal years as people type and read them in the console: ISO
 * (2026-04-01) or 和暦 (R8.4.1, 令和8年4月1日) in, both ways out; Japanese fiscal years
 * (April-March) as 令和8年度 or FY2026 depending on the UI language. The calendar
 * arithmetic belongs to backend/fy.h; this is the console's face of it.
 */
#ifndef RASHIN_DATE_H
#define RASHIN_DATE_H

/* A date as typed (YYYY-MM-DD, YYYY/M/D, R8.4.1, 令和8年4月1日) into iso[11]; 0 or -1 with *cause. */
int	 date_parse(const char *s, char iso[11], char **cause);
/* A fiscal year as typed (2026, FY2026, R8, 令和8年度, 令和8) into *fy; 0 or -1 with *cause. */
int	 date_parse_fy(const char *s, int *fy, char **cause);
/* The other way of showing iso: 令和8年4月1日 (Japanese UI) or R8.4.1 (English); newly allocated. */
char	*date_other(const char *iso);
/* A fiscal year for the UI language: "令和8年度" or "FY2026"; newly allocated. */
char	*date_fy_label(int fy);
int	 date_fy_of(int y, int m, int d);

#endif
