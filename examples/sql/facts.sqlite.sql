-- Engagement facts from a raw events table, for SQLite (≥ 3.30: FILTER and window functions).
--
-- Same rows as examples/sql/facts.postgres.sql: one flat row per fact, "factType" = 'send' | 'contact' | 'day',
-- camelCase columns, times as epoch milliseconds. Scores from these rows equal scores from the raw events.
--
-- Parameters (positional):
--   ?1  as of       epoch ms or NULL — leave out events after it (NULL: keep all)
--   ?2  UTC offset  minutes, e.g. 0 for UTC, 480 for Asia/Taipei. SQLite knows no time zones: calendar days are
--                   counted at this fixed offset, so a zone with daylight saving needs the PostgreSQL version. Score
--                   the facts with the matching fixed zone ('UTC', 'UTC+8', or an IANA zone without DST).
--
-- Input: engagement_events (examples/sql/events.sqlite.sql), ts in epoch ms, machine 0/1, tracked 0/1/NULL.
WITH params AS (
	SELECT ?1 AS as_of, coalesce(?2, 0) * 60000 AS offset_ms
),
ranked AS (
	SELECT e.*, row_number() OVER (PARTITION BY e.event_id ORDER BY e.id) AS copy
	FROM engagement_events e
),
ev AS (
	SELECT r.id, r.contact_id, r.type, r.ts, r.campaign_id,
		coalesce(r.campaign_kind, 'broadcast') AS kind, coalesce(r.machine, 0) AS machine,
		coalesce(r.tracked, 1) AS tracked, r.value
	FROM ranked r, params p
	WHERE (r.event_id IS NULL OR r.copy = 1)
		AND (p.as_of IS NULL OR r.ts <= p.as_of)
		-- machine flags are kept on opens and clicks; other machine events are left out
		AND NOT (coalesce(r.machine, 0) = 1 AND r.type NOT IN ('open', 'click'))
),
campaign_kinds AS (
	-- a campaign's kind is the kind of its earliest event
	SELECT campaign_id, kind FROM (
		SELECT campaign_id, kind, row_number() OVER (PARTITION BY campaign_id ORDER BY ts, id) AS position
		FROM ev WHERE campaign_id IS NOT NULL
	) WHERE position = 1
),
send_times AS (
	SELECT contact_id, campaign_id,
		min(ts) FILTER (WHERE type IN ('sent', 'delivered')) AS sent_at,
		max(ts) FILTER (WHERE type IN ('sent', 'delivered')) AS last_sent_at,
		min(ts) FILTER (WHERE type IN ('sent', 'delivered') AND tracked = 0) AS untracked_sent_at
	FROM ev
	WHERE campaign_id IS NOT NULL AND type IN ('sent', 'delivered', 'open', 'click', 'conversion')
	GROUP BY contact_id, campaign_id
),
sends AS (
	-- first interaction at or after the first send; when there is none after it, the first one before it
	SELECT s.contact_id, s.campaign_id, k.kind, s.sent_at, s.last_sent_at, s.untracked_sent_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'open' AND e.machine = 0 AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'open' AND e.machine = 0)) AS first_open_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'click' AND e.machine = 0 AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'click' AND e.machine = 0)) AS first_click_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'conversion' AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'conversion')) AS first_conversion_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'open' AND e.machine = 1 AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'open' AND e.machine = 1)) AS machine_open_at,
		coalesce(min(e.ts) FILTER (WHERE e.type = 'click' AND e.machine = 1 AND e.ts >= s.sent_at),
			min(e.ts) FILTER (WHERE e.type = 'click' AND e.machine = 1)) AS machine_click_at
	FROM send_times s
	JOIN campaign_kinds k ON k.campaign_id = s.campaign_id
	LEFT JOIN ev e ON e.contact_id = s.contact_id AND e.campaign_id = s.campaign_id
		AND e.type IN ('open', 'click', 'conversion')
	GROUP BY s.contact_id, s.campaign_id
),
first_seen AS (
	SELECT contact_id, ts AS first_seen_at, type AS first_seen_type FROM (
		SELECT contact_id, ts, type, row_number() OVER (PARTITION BY contact_id ORDER BY ts, id) AS position
		FROM ev WHERE machine = 0
	) WHERE position = 1
),
contacts AS (
	SELECT c.*, f.first_seen_at, f.first_seen_type,
		nullif(max(coalesce(c.last_interaction_at, -1), coalesce(c.last_subscribe_at, -1),
			coalesce(c.last_unblock_at, -1), coalesce(c.last_click_at, -1)), -1) AS last_active_at
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
			max(ts) FILTER (WHERE type = 'open' AND machine = 0) AS last_open_at,
			max(ts) FILTER (WHERE type = 'click' AND machine = 0) AS last_click_at,
			max(ts) FILTER (WHERE type = 'open' AND machine = 1) AS last_machine_open_at,
			max(ts) FILTER (WHERE type = 'click' AND machine = 1) AS last_machine_click_at,
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
		count(*) FILTER (WHERE a.type = 'open' AND a.machine = 0) AS opens,
		count(*) FILTER (WHERE a.type = 'click' AND a.machine = 0) AS clicks,
		count(*) FILTER (WHERE a.type = 'open' AND a.machine = 1) AS machine_opens,
		count(*) FILTER (WHERE a.type = 'click' AND a.machine = 1) AS machine_clicks,
		count(*) FILTER (WHERE a.type = 'conversion') AS conversions,
		count(*) FILTER (WHERE a.type = 'interaction') AS interactions,
		count(*) FILTER (WHERE a.type = 'web_visit') AS web_visits,
		max(a.value) FILTER (WHERE a.type = 'web_visit') AS max_pages,
		count(*) FILTER (WHERE a.type = 'purchase') AS purchases,
		coalesce(sum(a.value) FILTER (WHERE a.type = 'purchase'), 0) AS purchase_value
	FROM (
		SELECT e.contact_id, e.type, e.machine, e.value,
			strftime('%Y-%m-%d', (e.ts + p.offset_ms) / 1000, 'unixepoch') AS day,
			CASE WHEN e.type IN ('open', 'click', 'conversion') THEN e.campaign_id END AS campaign_id,
			CASE WHEN e.type IN ('open', 'click', 'conversion') AND e.campaign_id IS NOT NULL THEN NULL ELSE e.kind END AS event_kind
		FROM ev e, params p
		WHERE e.type IN ('open', 'click', 'conversion', 'interaction', 'web_visit', 'purchase')
	) a
	LEFT JOIN campaign_kinds k ON k.campaign_id = a.campaign_id
	GROUP BY a.contact_id, a.day, a.campaign_id, coalesce(k.kind, a.event_kind)
)
SELECT 'send' AS "factType", contact_id AS "contactId", campaign_id AS "campaignId", kind AS "campaignKind",
	sent_at AS "sentAt", last_sent_at AS "lastSentAt", untracked_sent_at AS "untrackedSentAt",
	first_open_at AS "firstOpenAt", first_click_at AS "firstClickAt",
	first_conversion_at AS "firstConversionAt", machine_open_at AS "machineOpenAt", machine_click_at AS "machineClickAt",
	NULL AS "firstSeenAt", NULL AS "firstSeenType", NULL AS "subscribedAt", NULL AS "lastSubscribeAt",
	NULL AS "lastUnsubscribeAt", NULL AS "lastBounceAt", NULL AS "lastComplaintAt", NULL AS "lastBlockAt",
	NULL AS "lastUnblockAt", NULL AS "lastInteractionAt", NULL AS "lastOpenAt", NULL AS "lastClickAt",
	NULL AS "lastMachineOpenAt", NULL AS "lastMachineClickAt", NULL AS "lastConversionAt", NULL AS "lastWebVisitAt",
	NULL AS "lastPurchaseAt", NULL AS "lastActiveAt",
	NULL AS "date", NULL AS "opens", NULL AS "clicks", NULL AS "machineOpens", NULL AS "machineClicks",
	NULL AS "conversions", NULL AS "interactions", NULL AS "webVisits", NULL AS "maxPages", NULL AS "purchases",
	NULL AS "purchaseValue"
FROM sends
UNION ALL
SELECT 'contact', contact_id, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	first_seen_at, first_seen_type, subscribed_at, last_subscribe_at,
	last_unsubscribe_at, last_bounce_at, last_complaint_at, last_block_at,
	last_unblock_at, last_interaction_at, last_open_at, last_click_at,
	last_machine_open_at, last_machine_click_at, last_conversion_at, last_web_visit_at,
	last_purchase_at, last_active_at,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM contacts
UNION ALL
SELECT 'day', d.contact_id, d.campaign_id, d.kind,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	d.day, d.opens, d.clicks, d.machine_opens, d.machine_clicks, d.conversions, d.interactions, d.web_visits,
	d.max_pages, d.purchases, d.purchase_value
FROM days d
LEFT JOIN sends s ON s.contact_id = d.contact_id AND s.campaign_id = d.campaign_id
CROSS JOIN params p
-- a campaign's day row that counts nothing beyond the send row's first times adds nothing: leave it out
WHERE NOT (d.campaign_id IS NOT NULL
		AND d.opens = CASE WHEN strftime('%Y-%m-%d', (s.first_open_at + p.offset_ms) / 1000, 'unixepoch') = d.day THEN 1 ELSE 0 END
		AND d.clicks = CASE WHEN strftime('%Y-%m-%d', (s.first_click_at + p.offset_ms) / 1000, 'unixepoch') = d.day THEN 1 ELSE 0 END
		AND d.machine_opens = CASE WHEN strftime('%Y-%m-%d', (s.machine_open_at + p.offset_ms) / 1000, 'unixepoch') = d.day THEN 1 ELSE 0 END
		AND d.machine_clicks = CASE WHEN strftime('%Y-%m-%d', (s.machine_click_at + p.offset_ms) / 1000, 'unixepoch') = d.day THEN 1 ELSE 0 END
		AND d.conversions = CASE WHEN strftime('%Y-%m-%d', (s.first_conversion_at + p.offset_ms) / 1000, 'unixepoch') = d.day THEN 1 ELSE 0 END)
