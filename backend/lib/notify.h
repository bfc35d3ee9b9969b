/*
 * notify — what a change notification says: "table:key" for one row (the audit trigger's
 * pg_notify, sql/001), or HUB_ALL when notifications may have been missed (the hub, or a
 * console's own LISTEN, started listening again) and everything is to be read again.
 */
#ifndef RASHIN_NOTIFY_H
#define RASHIN_NOTIFY_H

#define HUB_ALL		"*"

#endif
