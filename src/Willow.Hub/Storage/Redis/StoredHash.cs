using System.Globalization;
using StackExchange.Redis;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>A Redis hash read back: typed access to its fields. Instants are Unix milliseconds.</summary>
public sealed class StoredHash
{
    private readonly Dictionary<string, RedisValue> _fields;

    private StoredHash(Dictionary<string, RedisValue> fields) => _fields = fields;

    /// <summary>Null when the key does not exist (Redis answers an empty hash).</summary>
    public static StoredHash? From(HashEntry[] entries) =>
        entries.Length == 0 ? null : new StoredHash(entries.ToDictionary(e => e.Name.ToString(), e => e.Value, StringComparer.Ordinal));

    public bool Has(string field) => _fields.ContainsKey(field);

    public RedisValue Raw(string field) => _fields.GetValueOrDefault(field, RedisValue.Null);

    public string String(string field) => _fields.TryGetValue(field, out var value) ? value.ToString() : throw new InvalidDataException($"Stored hash lacks '{field}'.");

    public string? NullableString(string field) => _fields.TryGetValue(field, out var value) ? value.ToString() : null;

    public long Long(string field) => long.Parse(String(field), CultureInfo.InvariantCulture);

    public long? NullableLong(string field) => NullableString(field) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;

    public int? NullableInt(string field) => (int?)NullableLong(field);

    public bool Bool(string field) => NullableLong(field) == 1;

    public DateTimeOffset Time(string field) => UnixTime.FromUnixMs(Long(field));

    public DateTimeOffset? NullableTime(string field) => UnixTime.FromUnixMs(NullableLong(field));

    public Guid Guid(string field) => System.Guid.Parse(String(field));

    public Guid? NullableGuid(string field) => NullableString(field) is { } text ? System.Guid.Parse(text) : null;
}

/// <summary>Builds the fields of a hash write; a null value is left out (the field stays absent).</summary>
public sealed class HashFields
{
    private readonly List<HashEntry> _entries = [];

    public HashFields Add(string field, string? value)
    {
        if (value is not null)
        {
            _entries.Add(new HashEntry(field, value));
        }

        return this;
    }

    public HashFields Add(string field, long? value) => value is { } v ? Add(field, v.ToString(CultureInfo.InvariantCulture)) : this;

    public HashFields Add(string field, DateTimeOffset? value) => Add(field, value?.ToUnixMs());

    public HashFields Add(string field, bool value) => Add(field, value ? 1L : 0L);

    public HashFields Add(string field, Guid? value) => Add(field, value?.ToString());

    public HashEntry[] ToArray() => [.. _entries];
}
