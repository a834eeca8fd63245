namespace Willow.Core.Commands;

/// <summary>Arguments of a <c>dispense</c>: how many portions, and which carousel slot if the dispenser has one.</summary>
public sealed record DispenseArgs(int Portions, int? Slot);
