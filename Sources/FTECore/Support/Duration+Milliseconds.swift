extension Duration {
    /// The duration in whole milliseconds, rounded down (libpq's and librdkafka's unit).
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// The duration in whole milliseconds, rounded up: a wait for a deadline 0.3 ms away must
    /// be 1 ms, not 0 (which returns at once, and a loop waiting so spins until the deadline).
    public var roundedUpMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let perMillisecond: Int64 = 1_000_000_000_000_000
        return seconds * 1000 + (attoseconds + perMillisecond - 1) / perMillisecond
    }

    /// The duration in seconds, with its fraction.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
