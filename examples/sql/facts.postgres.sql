-- Engagement facts from a raw events table, for PostgreSQL (≥ 12).
--
-- What it returns: the rows of lib/facts (docs/scale.md), one flat row per fact with "factType" = 'send' | 'contact' |
-- 'day' and camelCase column names, ready for the Score Contacts node's facts input (or factsFromRows in code).
-- Scores computed from these rows equal scores computed from the raw events, for every model.
--
-- Parameters (n8n Postgres node: Options → Query Parameters; node-postgres: the values array):
--   $1  as of   timestamptz or NULL — leave out events after it (NULL: keep all)
--   $2  zone    IANA time zone of the calendar days, e.g. 'UTC' — score the facts in the same zone
--
-- Input: the table below (examples/sql/events.postgres.sql creates it). `id` gives the arrival order, used to keep
-- the first of repeated event_ids (webhook retries) as the library does.
--   engagement_events(id bigserial, event_id text, contact_id text, type text, ts timestamptz, campaign_id text,
--                     campaign_kind text, machine boolean, value double precision)
WITH params AS (
	SELECT $1::timestamptz AS as_of, $2::text AS zone
),
ranked AS (
	SELECT e.*, row_number() OVER (PARTITION BY e.event_id ORDER BY e.id) AS copy
	FROM engagement_events e
),
ev AS (
	SELECT r.id, r.contact_id, r.type, r.ts, r.campaign_id,
		coalesce(r.campaign_kind, 'broadcast') AS kind, coalesce(r.machine, false) AS machine, r.value
	FROM ranked r, params p
	WHERE (r.event_id IS NULL OR r.copy = 1)
		AND (p.as_of IS NULL OR r.ts <= p.as_of)
		-- machine flags are kept on opens and clicks; other machine events are left out
		AND NOT (coalesce(r.machine, false) AND r.type NOT IN ('open', 'click'))
),
campaign_kinds AS (
	-- a campaign's kind is the kind of its earliest event
	SELECT DISTINCT ON (campaign_id) campaign_id, kind
	FROM ev WHERE campaign_id IS NOT NULL
	ORDER BY campaign_id, ts, id
),
send_times AS (
	SELECT contact_id, campaign_id,
		min(ts) FILTER (WHERE type IN ('sent', 'delivered')) AS sent_at,
		max(ts) FILTER (WHERE type IN ('sent', 'delivered')) AS last_sent_at
	FROM ev
	WHERE campaign_id IS NOT NULL AND type IN ('sent', 'delivered', 'open', 'click', 'conversion')
	GROUP BY contact_id, campaign_id
),
sends AS (
	-- first interaction at or after the first send; when there is none after it, the first one before it
	SELECT s.contact_id, s.campaign_id, k.kind, s.sent_at, s.last_sent_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'open' AND NOT e.machine AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'open' AND NOT e.machine)) AS first_open_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'click' AND NOT e.machine AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'click' AND NOT e.machine)) AS first_click_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'conversion' AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'conversion')) AS first_conversion_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'open' AND e.machine AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'open' AND e.machine)) AS machine_open_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'click' AND e.machine AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'click' AND e.machine)) AS machine_click_at
	FROM send_times s
	JOIN campaign_kinds k ON k.campaign_id = s.campaign_id
	LEFT JOIN ev e ON e.contact_id = s.contact_id AND e.campaign_id = s.campaign_id
		AND e.type IN ('open', 'click', 'conversion')
	GROUP BY s.contact_id, s.campaign_id, k.kind, s.sent_at, s.last_sent_at
),
first_seen AS (
	SELECT DISTINCT ON (contact_id) contact_id, ts AS first_seen_at, type AS first_seen_type
	FROM ev WHERE NOT machine
	ORDER BY contact_id, ts, id
),
contacts AS (
	SELECT c.contact_id, f.first_seen_at, f.first_seen_type, c.subscribed_at, c.last_subscribe_at,
		c.last_unsubscribe_at, c.last_bounce_at, c.last_complaint_at, c.last_block_at, c.last_unblock_at,
		c.last_interaction_at, c.last_open_at, c.last_click_at, c.last_machine_open_at, c.last_machine_click_at,
		c.last_conversion_at, c.last_web_visit_at, c.last_purchase_at,
		greatest(c.last_interaction_at, c.last_subscribe_at, c.last_unblock_at, c.last_click_at) AS last_active_at
	FROM (
		SELECT contact_id,
			min(ts) FILTER (WHERE type = 'subscribe') AS subscribed_at,
			max(ts) FILTER (WHERE type = 'subscribe') AS last_subscribe_at,
			max(ts) FILTER (WHERE type = 'unsubscribe') AS last_unsubscribe_at,
			max(ts) FILTER (WHERE type = 'bounce') AS last_bounce_at,
			max(ts) FILTER (WHERE type = 'complaint') AS last_complaint_at,
			max(ts) FILTER (WHERE type = 'block') AS last_block_at,
			max(ts) FILTER (WHERE type = 'unblock') AS last_unblock_at,
			max(ts) FILTER (WHERE type = 'interaction') AS last_interaction_at,
			max(ts) FILTER (WHERE type = 'open' AND NOT machine) AS last_open_at,
			max(ts) FILTER (WHERE type = 'click' AND NOT machine) AS last_click_at,
			max(ts) FILTER (WHERE type = 'open' AND machine) AS last_machine_open_at,
			max(ts) FILTER (WHERE type = 'click' AND machine) AS last_machine_click_at,
			max(ts) FILTER (WHERE type = 'conversion') AS last_conversion_at,
			max(ts) FILTER (WHERE type = 'web_visit') AS last_web_visit_at,
			max(ts) FILTER (WHERE type = 'purchase') AS last_purchase_at
		FROM ev GROUP BY contact_id
	) c
	LEFT JOIN first_seen f ON f.contact_id = c.contact_id
),
days AS (
	-- opens, clicks and conversions count on their campaign's row; everything else on the row without campaign
	SELECT a.contact_id, a.day, a.campaign_id, coalesce(k.kind, a.event_kind) AS kind,
		count(*) FILTER (WHERE a.type = 'open' AND NOT a.machine)::int AS opens,
		count(*) FILTER (WHERE a.type = 'click' AND NOT a.machine)::int AS clicks,
		count(*) FILTER (WHERE a.type = 'open' AND a.machine)::int AS machine_opens,
		count(*) FILTER (WHERE a.type = 'click' AND a.machine)::int AS machine_clicks,
		count(*) FILTER (WHERE a.type = 'conversion')::int AS conversions,
		count(*) FILTER (WHERE a.type = 'interaction')::int AS interactions,
		count(*) FILTER (WHERE a.type = 'web_visit')::int AS web_visits,
		max(a.value) FILTER (WHERE a.type = 'web_visit') AS max_pages,
		count(*) FILTER (WHERE a.type = 'purchase')::int AS purchases,
		coalesce(sum(a.value) FILTER (WHERE a.type = 'purchase'), 0) AS purchase_value
	FROM (
		SELECT e.contact_id, e.type, e.machine, e.value, (e.ts AT TIME ZONE p.zone)::date AS day,
			CASE WHEN e.type IN ('open', 'click', 'conversion') THEN e.campaign_id END AS campaign_id,
			CASE WHEN e.type IN ('open', 'click', 'conversion') AND e.campaign_id IS NOT NULL THEN NULL ELSE e.kind END AS event_kind
		FROM ev e, params p
		WHERE e.type IN ('open', 'click', 'conversion', 'interaction', 'web_visit', 'purchase')
	) a
	LEFT JOIN campaign_kinds k ON k.campaign_id = a.campaign_id
	GROUP BY a.contact_id, a.day, a.campaign_id, coalesce(k.kind, a.event_kind)
)
SELECT 'send' AS "factType", contact_id AS "contactId", campaign_id AS "campaignId", kind AS "campaignKind",
	sent_at AS "sentAt", last_sent_at AS "lastSentAt", first_open_at AS "firstOpenAt", first_click_at AS "firstClickAt",
	first_conversion_at AS "firstConversionAt", machine_open_at AS "machineOpenAt", machine_click_at AS "machineClickAt",
	NULL::timestamptz AS "firstSeenAt", NULL::text AS "firstSeenType", NULL::timestamptz AS "subscribedAt",
	NULL::timestamptz AS "lastSubscribeAt", NULL::timestamptz AS "lastUnsubscribeAt", NULL::timestamptz AS "lastBounceAt",
	NULL::timestamptz AS "lastComplaintAt", NULL::timestamptz AS "lastBlockAt", NULL::timestamptz AS "lastUnblockAt",
	NULL::timestamptz AS "lastInteractionAt", NULL::timestamptz AS "lastOpenAt", NULL::timestamptz AS "lastClickAt",
	NULL::timestamptz AS "lastMachineOpenAt", NULL::timestamptz AS "lastMachineClickAt",
	NULL::timestamptz AS "lastConversionAt", NULL::timestamptz AS "lastWebVisitAt", NULL::timestamptz AS "lastPurchaseAt",
	NULL::timestamptz AS "lastActiveAt",
	NULL::text AS "date", NULL::int AS "opens", NULL::int AS "clicks", NULL::int AS "machineOpens",
	NULL::int AS "machineClicks", NULL::int AS "conversions", NULL::int AS "interactions", NULL::int AS "webVisits",
	NULL::double precision AS "maxPages", NULL::int AS "purchases", NULL::double precision AS "purchaseValue"
FROM sends
UNION ALL
SELECT 'contact', contact_id, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	first_seen_at, first_seen_type, subscribed_at,
	last_subscribe_at, last_unsubscribe_at, last_bounce_at,
	last_complaint_at, last_block_at, last_unblock_at,
	last_interaction_at, last_open_at, last_click_at,
	last_machine_open_at, last_machine_click_at,
	last_conversion_at, last_web_visit_at, last_purchase_at,
	last_active_at,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM contacts
UNION ALL
SELECT 'day', d.contact_id, d.campaign_id, d.kind,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	to_char(d.day, 'YYYY-MM-DD'), d.opens, d.clicks, d.machine_opens, d.machine_clicks, d.conversions, d.interactions, d.web_visits,
	d.max_pages, d.purchases, d.purchase_value
FROM days d
LEFT JOIN sends s ON s.contact_id = d.contact_id AND s.campaign_id = d.campaign_id
CROSS JOIN params p
-- a campaign's day row that counts nothing beyond the send row's first times adds nothing: leave it out
WHERE NOT (d.campaign_id IS NOT NULL
		AND d.opens = CASE WHEN (s.first_open_at AT TIME ZONE p.zone)::date = d.day THEN 1 ELSE 0 END
		AND d.clicks = CASE WHEN (s.first_click_at AT TIME ZONE p.zone)::date = d.day THEN 1 ELSE 0 END
		AND d.machine_opens = CASE WHEN (s.machine_open_at AT TIME ZONE p.zone)::date = d.day THEN 1 ELSE 0 END
		AND d.machine_clicks = CASE WHEN (s.machine_click_at AT TIME ZONE p.zone)::date = d.day THEN 1 ELSE 0 END
		AND d.conversions = CASE WHEN (s.first_conversion_at AT TIME ZONE p.zone)::date = d.day THEN 1 ELSE 0 END)
