package io.sightline.storage;

/** The features' contract on the embedded engine, in the application context every {@code *IT} shares. */
class EmbeddedFeatureContractIT extends FeatureContract {}
