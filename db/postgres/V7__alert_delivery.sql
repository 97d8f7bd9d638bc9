-- What became of each event's notification (the webhook notifier's NotificationDelivered): null until
-- the delivery ends, then SENT, FAILED or DROPPED, with the attempts made and why it failed.
ALTER TABLE alert_events ADD COLUMN delivery_outcome VARCHAR(20);
ALTER TABLE alert_events ADD COLUMN delivery_attempts INTEGER;
ALTER TABLE alert_events ADD COLUMN delivery_detail VARCHAR(1000);
ALTER TABLE alert_events ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;
