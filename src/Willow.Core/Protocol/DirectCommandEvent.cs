using System.Text.Json.Serialization;
using Willow.Core.Commands;

namespace Willow.Core.Protocol;

/// <summary>A state change posted by a direct-mode device (<c>POST /api/v1/device/commands/{id}/events</c>). Unknown fields are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DirectCommandEvent(CommandState State, DateTimeOffset? At, string? Detail);
