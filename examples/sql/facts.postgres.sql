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
-- Input: the table below (examples/sql/events.postgres.sql creates it, with the two indexes this query uses:
-- (event_id, id) and (campaign_id, ts, id)). `id` gives the arrival order, used to keep the first of repeated
-- event_ids (webhook retries) as the library does.
--   engagement_events(id bigserial, event_id text, contact_id text, type text, ts timestamptz, campaign_id text,
--                     campaign_kind text, machine boolean, tracked boolean, value double precision)
--
-- How (docs/scale.md): one scan that drops retries with a hash anti-join, one sort by contact, send and day (both
-- parallel when the server allows: the parameters are used in place, not through a CTE, which would keep the plan in
-- one process), two window passes that give each event its send's first times, and one GROUP BY ROLLUP pass that
-- builds the day, send and contact rows together.
WITH
-- the events the facts summarise: the first copy of a repeated event_id, nothing after as_of, and machine flags only
-- on opens and clicks (other machine events are left out). Not materialised: the main pass reads it once with a
-- hash anti-join, campaign_kinds reads a few rows of it through the indexes.
ev AS NOT MATERIALIZED (
	SELECT e.id, e.contact_id, e.type, e.ts, e.campaign_id,
		coalesce(e.campaign_kind, 'broadcast') AS kind, coalesce(e.machine, false) AS machine,
		coalesce(e.tracked, true) AS tracked, e.value
	FROM engagement_events e
	WHERE ($1::timestamptz IS NULL OR e.ts <= $1::timestamptz)
		AND NOT (coalesce(e.machine, false) AND e.type NOT IN ('open', 'click'))
		AND NOT EXISTS (SELECT 1 FROM engagement_events d WHERE d.event_id = e.event_id AND d.id < e.id)
),
-- a campaign's kind is the kind of its earliest event (index (campaign_id, ts, id): one probe per campaign)
campaign_kinds AS (
	SELECT c.campaign_id, f.kind
	FROM (SELECT DISTINCT campaign_id FROM engagement_events WHERE campaign_id IS NOT NULL) c
	CROSS JOIN LATERAL (SELECT kind FROM ev WHERE ev.campaign_id = c.campaign_id ORDER BY ts, id LIMIT 1) f
),
-- each event with the keys of the rows it counts in: its send (contact × campaign of a sent, delivered, open, click
-- or conversion) and its day (opens, clicks and conversions count on their campaign's day row, everything else on the
-- contact's row without campaign, under the event's own kind). Keys in the "C" collation: only grouped, never shown
-- in order, and byte comparison sorts fastest. t is the type's position in the table's CHECK list (1 sent,
-- 2 delivered, 3 open, 4 click, 5 conversion, 6 bounce, 7 complaint, 8 unsubscribe, 9 subscribe, 10 interaction,
-- 11 web_visit, 12 purchase, 13 block, 14 unblock): the ~40 filters below compare integers, not text.
keyed AS (
	SELECT e.id, e.contact_id COLLATE "C" AS contact_id, e.type, e.ts, e.machine, e.tracked, e.value,
		(e.ts AT TIME ZONE $2::text)::date AS day,
		CASE WHEN e.type IN ('sent', 'delivered', 'open', 'click', 'conversion') THEN e.campaign_id COLLATE "C" END AS send_campaign,
		CASE WHEN e.campaign_id IS NULL OR e.type NOT IN ('sent', 'delivered', 'open', 'click', 'conversion') THEN e.kind END AS day_kind,
		array_position('{sent,delivered,open,click,conversion,bounce,complaint,unsubscribe,subscribe,interaction,web_visit,purchase,block,unblock}'::text[], e.type) AS t
	FROM ev e
),
-- the one sort: by contact, send, day; both window passes and the ROLLUP below read it in this order
with_sent AS (
	SELECT k.*, min(ts) FILTER (WHERE t <= 2) OVER send AS sent_at
	FROM keyed k
	WINDOW send AS (PARTITION BY contact_id, send_campaign ORDER BY day, day_kind
		ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
-- first interaction at or after the first send; when there is none after it, the first one before it
with_firsts AS (
	SELECT s.*,
		coalesce(min(ts) FILTER (WHERE t = 3 AND NOT machine AND ts >= sent_at) OVER send,
			min(ts) FILTER (WHERE t = 3 AND NOT machine) OVER send) AS first_open_at,
		coalesce(min(ts) FILTER (WHERE t = 4 AND NOT machine AND ts >= sent_at) OVER send,
			min(ts) FILTER (WHERE t = 4 AND NOT machine) OVER send) AS first_click_at,
		coalesce(min(ts) FILTER (WHERE t = 5 AND ts >= sent_at) OVER send,
			min(ts) FILTER (WHERE t = 5) OVER send) AS first_conversion_at,
		coalesce(min(ts) FILTER (WHERE t = 3 AND machine AND ts >= sent_at) OVER send,
			min(ts) FILTER (WHERE t = 3 AND machine) OVER send) AS machine_open_at,
		coalesce(min(ts) FILTER (WHERE t = 4 AND machine AND ts >= sent_at) OVER send,
			min(ts) FILTER (WHERE t = 4 AND machine) OVER send) AS machine_click_at
	FROM with_sent s
	WINDOW send AS (PARTITION BY contact_id, send_campaign ORDER BY day, day_kind
		ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
-- one aggregate pass, three kinds of groups: level 0 = contact × send × day (day rows), level 3 = contact × send
-- (send rows; the send NULL holds the contact's other events), level 7 = contact (contact rows)
grouped AS (
	SELECT contact_id, send_campaign, day, day_kind, GROUPING(send_campaign, day, day_kind) AS level,
		min(ts) FILTER (WHERE t <= 2) AS sent_at,
		max(ts) FILTER (WHERE t <= 2) AS last_sent_at,
		min(ts) FILTER (WHERE t <= 2 AND NOT tracked) AS untracked_sent_at,
		min(first_open_at) AS first_open_at, min(first_click_at) AS first_click_at,
		min(first_conversion_at) AS first_conversion_at, min(machine_open_at) AS machine_open_at,
		min(machine_click_at) AS machine_click_at,
		min(ts) FILTER (WHERE NOT machine) AS first_seen_at,
		-- the first of the earliest events not flagged machine (lowest id): [epoch seconds, id, t]
		min(ARRAY[date_part('epoch', ts), id, t]) FILTER (WHERE NOT machine) AS first_seen,
		min(ts) FILTER (WHERE t = 9) AS subscribed_at,
		max(ts) FILTER (WHERE t = 9) AS last_subscribe_at,
		max(ts) FILTER (WHERE t = 8) AS last_unsubscribe_at,
		max(ts) FILTER (WHERE t = 6) AS last_bounce_at,
		max(ts) FILTER (WHERE t = 7) AS last_complaint_at,
		max(ts) FILTER (WHERE t = 13) AS last_block_at,
		max(ts) FILTER (WHERE t = 14) AS last_unblock_at,
		max(ts) FILTER (WHERE t = 10) AS last_interaction_at,
		max(ts) FILTER (WHERE t = 3 AND NOT machine) AS last_open_at,
		max(ts) FILTER (WHERE t = 4 AND NOT machine) AS last_click_at,
		max(ts) FILTER (WHERE t = 3 AND machine) AS last_machine_open_at,
		max(ts) FILTER (WHERE t = 4 AND machine) AS last_machine_click_at,
		max(ts) FILTER (WHERE t = 5) AS last_conversion_at,
		max(ts) FILTER (WHERE t = 11) AS last_web_visit_at,
		max(ts) FILTER (WHERE t = 12) AS last_purchase_at,
		count(*) FILTER (WHERE t IN (3, 4, 5, 10, 11, 12)) AS day_events,
		count(*) FILTER (WHERE t = 3 AND NOT machine)::int AS opens,
		count(*) FILTER (WHERE t = 4 AND NOT machine)::int AS clicks,
		count(*) FILTER (WHERE t = 3 AND machine)::int AS machine_opens,
		count(*) FILTER (WHERE t = 4 AND machine)::int AS machine_clicks,
		count(*) FILTER (WHERE t = 5)::int AS conversions,
		count(*) FILTER (WHERE t = 10)::int AS interactions,
		count(*) FILTER (WHERE t = 11)::int AS web_visits,
		max(value) FILTER (WHERE t = 11) AS max_pages,
		count(*) FILTER (WHERE t = 12)::int AS purchases,
		coalesce(sum(value) FILTER (WHERE t = 12), 0) AS purchase_value
	FROM with_firsts
	GROUP BY contact_id, ROLLUP (send_campaign, (day, day_kind))
)
SELECT CASE g.level WHEN 0 THEN 'day' WHEN 3 THEN 'send' ELSE 'contact' END AS "factType",
	g.contact_id::text AS "contactId",
	CASE WHEN g.level < 7 THEN g.send_campaign::text END AS "campaignId",
	CASE WHEN g.level < 7 THEN coalesce(k.kind, g.day_kind) END AS "campaignKind",
	CASE WHEN g.level = 3 THEN g.sent_at END AS "sentAt",
	CASE WHEN g.level = 3 THEN g.last_sent_at END AS "lastSentAt",
	CASE WHEN g.level = 3 THEN g.untracked_sent_at END AS "untrackedSentAt",
	CASE WHEN g.level = 3 THEN g.first_open_at END AS "firstOpenAt",
	CASE WHEN g.level = 3 THEN g.first_click_at END AS "firstClickAt",
	CASE WHEN g.level = 3 THEN g.first_conversion_at END AS "firstConversionAt",
	CASE WHEN g.level = 3 THEN g.machine_open_at END AS "machineOpenAt",
	CASE WHEN g.level = 3 THEN g.machine_click_at END AS "machineClickAt",
	CASE WHEN g.level = 7 THEN g.first_seen_at END AS "firstSeenAt",
	CASE WHEN g.level = 7 THEN ('{sent,delivered,open,click,conversion,bounce,complaint,unsubscribe,subscribe,interaction,web_visit,purchase,block,unblock}'::text[])[g.first_seen[3]] END AS "firstSeenType",
	CASE WHEN g.level = 7 THEN g.subscribed_at END AS "subscribedAt",
	CASE WHEN g.level = 7 THEN g.last_subscribe_at END AS "lastSubscribeAt",
	CASE WHEN g.level = 7 THEN g.last_unsubscribe_at END AS "lastUnsubscribeAt",
	CASE WHEN g.level = 7 THEN g.last_bounce_at END AS "lastBounceAt",
	CASE WHEN g.level = 7 THEN g.last_complaint_at END AS "lastComplaintAt",
	CASE WHEN g.level = 7 THEN g.last_block_at END AS "lastBlockAt",
	CASE WHEN g.level = 7 THEN g.last_unblock_at END AS "lastUnblockAt",
	CASE WHEN g.level = 7 THEN g.last_interaction_at END AS "lastInteractionAt",
	CASE WHEN g.level = 7 THEN g.last_open_at END AS "lastOpenAt",
	CASE WHEN g.level = 7 THEN g.last_click_at END AS "lastClickAt",
	CASE WHEN g.level = 7 THEN g.last_machine_open_at END AS "lastMachineOpenAt",
	CASE WHEN g.level = 7 THEN g.last_machine_click_at END AS "lastMachineClickAt",
	CASE WHEN g.level = 7 THEN g.last_conversion_at END AS "lastConversionAt",
	CASE WHEN g.level = 7 THEN g.last_web_visit_at END AS "lastWebVisitAt",
	CASE WHEN g.level = 7 THEN g.last_purchase_at END AS "lastPurchaseAt",
	CASE WHEN g.level = 7
		THEN greatest(g.last_interaction_at, g.last_subscribe_at, g.last_unblock_at, g.last_click_at) END AS "lastActiveAt",
	CASE WHEN g.level = 0 THEN to_char(g.day, 'YYYY-MM-DD') END AS "date",
	CASE WHEN g.level = 0 THEN g.opens END AS "opens",
	CASE WHEN g.level = 0 THEN g.clicks END AS "clicks",
	CASE WHEN g.level = 0 THEN g.machine_opens END AS "machineOpens",
	CASE WHEN g.level = 0 THEN g.machine_clicks END AS "machineClicks",
	CASE WHEN g.level = 0 THEN g.conversions END AS "conversions",
	CASE WHEN g.level = 0 THEN g.interactions END AS "interactions",
	CASE WHEN g.level = 0 THEN g.web_visits END AS "webVisits",
	CASE WHEN g.level = 0 THEN g.max_pages END AS "maxPages",
	CASE WHEN g.level = 0 THEN g.purchases END AS "purchases",
	CASE WHEN g.level = 0 THEN g.purchase_value END AS "purchaseValue"
FROM grouped g
LEFT JOIN campaign_kinds k ON k.campaign_id = g.send_campaign
WHERE CASE g.level
	WHEN 7 THEN true
	WHEN 3 THEN g.send_campaign IS NOT NULL
	-- a day row counts opens, clicks, conversions, interactions, web visits or purchases; a campaign's day row that
	-- counts nothing beyond the send row's first times adds nothing: leave it out
	ELSE g.day_events > 0 AND NOT (g.send_campaign IS NOT NULL
		AND g.opens = CASE WHEN (g.first_open_at AT TIME ZONE $2::text)::date = g.day THEN 1 ELSE 0 END
		AND g.clicks = CASE WHEN (g.first_click_at AT TIME ZONE $2::text)::date = g.day THEN 1 ELSE 0 END
		AND g.machine_opens = CASE WHEN (g.machine_open_at AT TIME ZONE $2::text)::date = g.day THEN 1 ELSE 0 END
		AND g.machine_clicks = CASE WHEN (g.machine_click_at AT TIME ZONE $2::text)::date = g.day THEN 1 ELSE 0 END
		AND g.conversions = CASE WHEN (g.first_conversion_at AT TIME ZONE $2::text)::date = g.day THEN 1 ELSE 0 END)
END
