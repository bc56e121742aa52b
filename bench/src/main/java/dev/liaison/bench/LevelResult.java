package dev.liaison.bench;

/** Intake and the plain-insert ceiling measured at the same concurrency. */
record LevelResult(int concurrency, Measurement intake, Measurement ceiling) {

    /** Intake throughput as a fraction of the ceiling's. */
    double ratio() {
        double ceilingPerSecond = ceiling.perSecond();
        return ceilingPerSecond == 0 ? 0 : intake.perSecond() / ceilingPerSecond;
    }
}
