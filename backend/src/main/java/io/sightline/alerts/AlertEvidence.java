package io.sightline.alerts;

/**
 * Gathers a breach's evidence from the stored traces of the breach's project, read as a reader of
 * that project whatever the calling thread's own access (evaluation runs outside any request).
 */
public interface AlertEvidence {

    /** Never throws for missing data: a breach without matching traces has no exemplars. */
    Evidence collect(Breach breach);
}
