using Willow.Core.Commands;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// A disc of compartments turned one slot per portion over the chute, from home through slot 0, 1, 2…
/// Because every compartment that passes over the chute drops, slots are emptied strictly in order; the slot
/// the next dispense empties is remembered (fsynced) before the disc turns, and <c>home</c> (after a refill)
/// counts every slot full again.
/// </summary>
public sealed class Carousel
{
    public const string Empty = "The carousel is empty: refill it and send 'home'.";

    private readonly IReadOnlyList<double> _angles;
    private readonly DispenserMemory _memory;
    private readonly Lock _gate = new();
    private int _nextSlot;

    public Carousel(CarouselOptions options, DispenserMemory memory)
    {
        _angles = options.Angles();
        _memory = memory;
        _nextSlot = Math.Min(memory.ReadNextSlot(), _angles.Count);
    }

    public int Slots => _angles.Count;

    /// <summary>The slot the next dispense empties.</summary>
    public int NextSlot
    {
        get
        {
            lock (_gate)
            {
                return _nextSlot;
            }
        }
    }

    /// <summary>How many slots are still full.</summary>
    public int SlotsLeft => Slots - NextSlot;

    public double AngleOf(int slot) => _angles[slot];

    /// <summary>Why the carousel cannot carry out <paramref name="args"/>, or null if it can.</summary>
    public string? Refuse(DispenseArgs args)
    {
        var next = NextSlot;
        if (next >= Slots)
        {
            return Empty;
        }

        if (args.Slot is { } slot)
        {
            if (slot >= Slots)
            {
                return $"This carousel has slots 0 to {Slots - 1}; there is no slot {slot}.";
            }

            if (args.Portions > 1)
            {
                return "Give a slot or several portions, not both: the carousel empties one slot per portion, in order.";
            }

            if (slot < next)
            {
                return $"Slot {slot} was already emptied since the last 'home' (refill). The next full slot is {next}.";
            }

            if (slot > next)
            {
                var passed = slot - 1 == next ? $"slot {next}" : $"slots {next} to {slot - 1}";
                return $"Slot {slot} is not next: the carousel turns one way, and on its way it would carry {passed} over the chute and drop them. The next full slot is {next}.";
            }
        }

        var left = Slots - next;
        return args.Portions > left
            ? $"The carousel has {left} full slot{(left == 1 ? "" : "s")} left; it cannot release {args.Portions} portions. Refill it and send 'home'."
            : null;
    }

    /// <summary>Counts the next slot as emptied (durably, before the disc turns) and returns it.</summary>
    public int TakeNext()
    {
        lock (_gate)
        {
            if (_nextSlot >= Slots)
            {
                throw new InvalidOperationException(Empty);
            }

            var slot = _nextSlot;
            _memory.WriteNextSlot(slot + 1);
            _nextSlot = slot + 1;
            return slot;
        }
    }

    /// <summary>Counts every slot full again: called for <c>home</c>, which a person sends after a refill.</summary>
    public void Refill()
    {
        lock (_gate)
        {
            _memory.WriteNextSlot(0);
            _nextSlot = 0;
        }
    }
}
