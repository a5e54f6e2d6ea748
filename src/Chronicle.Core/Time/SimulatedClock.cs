namespace Chronicle.Core.Time;

/// <summary>A clock that only moves when told to: scenario replay and tests run on it.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => WorkingDayCalendar.UkTime;

    public void Set(DateTimeOffset to)
    {
        if (to < _now) throw new InvalidOperationException($"The simulated clock cannot go back from {_now:O} to {to:O}.");
        _now = to;
    }

    public void Advance(TimeSpan by) => Set(_now + by);
}
