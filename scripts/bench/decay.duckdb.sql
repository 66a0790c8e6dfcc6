-- Ometria decay score (DESIGN.md "decay", calendar days in UTC) in DuckDB SQL, straight from the events CSV.
-- Placeholders filled by scripts/bench/worker.js: {{csv}} (path), {{asOf}} (epoch ms).
-- Same rules as lib/models/decay.ts: first send per contact and campaign (transactional excluded), opens/clicks of
-- that campaign 0..7 calendar days after it, age decay 1 - age/180, minimum-6 protection, bands first match wins.
WITH ev AS (
	SELECT contactId AS contact, type, "timestamp" AS t, campaignId AS campaign,
		coalesce(campaignKind, 'broadcast') AS kind
	FROM read_csv('{{csv}}', header = true, auto_detect = false, columns = {
		'eventId': 'VARCHAR', 'contactId': 'VARCHAR', 'type': 'VARCHAR', 'timestamp': 'BIGINT',
		'campaignId': 'VARCHAR', 'campaignKind': 'VARCHAR', 'channel': 'VARCHAR', 'machine': 'VARCHAR',
		'url': 'VARCHAR', 'value': 'DOUBLE', 'userAgent': 'VARCHAR'})
	WHERE machine IS DISTINCT FROM 'true'
),
contacts AS (SELECT DISTINCT contact FROM ev),
cur AS (SELECT * FROM ev WHERE t <= {{asOf}}),
sends AS (
	SELECT contact, campaign, min(t) AS sent_at, min(t) // 86400000 AS sent_day
	FROM cur WHERE type IN ('sent', 'delivered') AND kind <> 'transactional'
	GROUP BY contact, campaign
),
answers AS (
	SELECT s.contact, s.campaign, bool_or(i.type = 'open') AS o, bool_or(i.type = 'click') AS c
	FROM sends s JOIN cur i ON i.contact = s.contact AND i.campaign = s.campaign
	WHERE i.type IN ('open', 'click') AND i.kind <> 'transactional'
		AND i.t >= s.sent_at AND i.t // 86400000 - s.sent_day <= 7
	GROUP BY s.contact, s.campaign
),
scored AS (
	SELECT s.contact, s.sent_at,
		({{asOfDay}} - s.sent_day) < 180 AS in_window,
		1.0 - ({{asOfDay}} - s.sent_day)::DOUBLE / 180 AS d,
		CASE WHEN coalesce(a.o, false) OR coalesce(a.c, false) THEN 1 ELSE 0 END AS o,
		CASE WHEN coalesce(a.c, false) THEN 1 ELSE 0 END AS c
	FROM sends s LEFT JOIN answers a ON a.contact = s.contact AND a.campaign = s.campaign
),
per_contact AS (
	SELECT contact, count(*) AS total_sends, min(sent_at) AS first_send,
		count(*) FILTER (WHERE in_window) AS n,
		coalesce(sum(o) FILTER (WHERE in_window), 0) AS opened,
		sum(d * (1 * o + 2 * c)) FILTER (WHERE in_window) / sum(d * 3) FILTER (WHERE in_window) AS raw
	FROM scored GROUP BY contact
),
account AS (SELECT coalesce(avg(raw), 0) AS average FROM per_contact WHERE n > 0),
subscribes AS (SELECT contact, min(t) AS subscribed_at FROM cur WHERE type = 'subscribe' GROUP BY contact),
joined AS (
	SELECT c.contact, p.total_sends, p.n, p.opened, p.raw, account.average,
		{{asOfDay}} - coalesce(s.subscribed_at, p.first_send) // 86400000 AS tenure_days,
		CASE WHEN p.n < 6 THEN (p.n * coalesce(p.raw, 0) + (6 - p.n) * account.average) / 6 ELSE p.raw END AS weighted
	FROM contacts c
	LEFT JOIN per_contact p ON p.contact = c.contact
	LEFT JOIN subscribes s ON s.contact = c.contact
	CROSS JOIN account
)
SELECT contact AS "contactId",
	CASE
		WHEN total_sends IS NULL THEN NULL
		WHEN opened = 0 AND tenure_days < 28 THEN weighted
		WHEN opened = 0 THEN 0
		ELSE weighted
	END AS score,
	CASE
		WHEN total_sends IS NULL THEN 'Null'
		WHEN opened = 0 AND tenure_days < 28 THEN 'New'
		WHEN opened = 0 THEN 'No engagement'
		WHEN weighted < 0.5 * average THEN 'Low'
		WHEN weighted > 1.5 * average THEN 'High'
		ELSE 'Medium'
	END AS band
FROM joined
ORDER BY contact
