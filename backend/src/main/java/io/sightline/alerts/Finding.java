package io.sightline.alerts;

/**
 * What one evaluation of a rule found: the condition for the state machine, the breach a notification
 * reports (also when the line is not crossed: then it says how far from it the value is), and for a
 * deploy rule the deploy it judged.
 *
 * @param value what the page shows as the rule's last value; null when there was nothing to measure
 * @param deployId the deploy judged, or null
 */
record Finding(Transitions.Condition condition, Breach breach, Double value, Long deployId) {}
