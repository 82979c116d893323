using System.Collections;
using System.Collections.Immutable;
using System.Reflection;

namespace TDeveloper.Unit.Tests.Storage;

/// <summary>
/// Builds an instance of a persisted type with every member set to a non-default value, recursively: strings, numbers,
/// the last value of each enum, dates with a non-zero offset, time spans, nullable values, and two entries in every list,
/// set, array and dictionary (plain, immutable and sorted). A member it cannot fill (an interface or abstract type, an
/// object) fails with the member's path, so a new state shape is noticed rather than silently skipped.
/// </summary>
internal static class FullyPopulated
{
    private const int MaxDepth = 12;

    /// <summary>Creates a fully populated <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">A member's type cannot be filled; the message names its path.</exception>
    public static object Create(Type type) => Value(type, type.Name, 0);

    private static object Value(Type type, string path, int depth)
    {
        if (depth > MaxDepth) throw new NotSupportedException($"{path}: nested deeper than {MaxDepth}; a recursive state type needs a hand-written sample.");
        var seed = (uint)StringComparer.Ordinal.GetHashCode(path) % 1000 + 1;
        if (Nullable.GetUnderlyingType(type) is { } inner) return Value(inner, path, depth);
        if (type == typeof(string)) return $"{path}-é✓";
        if (type == typeof(bool)) return true;
        if (type == typeof(int)) return (int)seed;
        if (type == typeof(long)) return 5_000_000_000L + seed;
        if (type == typeof(double)) return seed + 0.25;
        if (type == typeof(decimal)) return seed + 0.125m;
        if (type == typeof(float)) return seed + 0.5f;
        if (type == typeof(Guid)) return new Guid((int)seed, 2, 3, [4, 5, 6, 7, 8, 9, 10, 11]);
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(seed * 1234567);
        if (type == typeof(DateTime)) return new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(seed * 1234567);
        if (type == typeof(TimeSpan)) return TimeSpan.FromHours(1).Add(TimeSpan.FromTicks(seed * 1234567));
        if (type == typeof(byte[])) return new byte[] { 1, 2, (byte)seed, 254 };
        if (type == typeof(Uri)) return new Uri($"https://example.test/{seed}");
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1)!;
        }

        if (type.IsArray) return Fill(Array.CreateInstance(type.GetElementType()!, 2), type.GetElementType()!, path, depth);
        if (type.IsGenericType && Collection(type, path, depth) is { } collection) return collection;
        if (type.IsInterface || type.IsAbstract || type == typeof(object))
        {
            throw new NotSupportedException($"{path}: {type} is abstract; the serialization test cannot pick an implementation. Give it a sample.");
        }

        return Record(type, path, depth);
    }

    private static Array Fill(Array array, Type element, string path, int depth)
    {
        for (var i = 0; i < array.Length; i++) array.SetValue(Value(element, $"{path}[{i}]", depth + 1), i);
        return array;
    }

    private static object? Collection(Type type, string path, int depth)
    {
        var definition = type.GetGenericTypeDefinition();
        var args = type.GetGenericArguments();
        if (args.Length == 1)
        {
            var items = Enumerable.Range(0, 2).Select(i => Value(args[0], $"{path}[{i}]", depth + 1)).ToList();
            var typed = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args[0]))!;
            foreach (var item in items) typed.Add(item);
            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>)) return typed;
            if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>)) return Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(args[0]), typed)!;
            if (definition == typeof(ImmutableArray<>)) return Immutable(typeof(ImmutableArray), args, typed);
            if (definition == typeof(ImmutableList<>) || definition == typeof(IImmutableList<>)) return Immutable(typeof(ImmutableList), args, typed);
            if (definition == typeof(ImmutableHashSet<>) || definition == typeof(IImmutableSet<>)) return Immutable(typeof(ImmutableHashSet), args, typed);
            if (definition == typeof(ImmutableSortedSet<>)) return Immutable(typeof(ImmutableSortedSet), args, typed);
            return null;
        }

        if (args.Length == 2)
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
            for (var i = 0; i < 2; i++) dictionary[Value(args[0], $"{path}.key{i}", depth + 1)] = Value(args[1], $"{path}[{i}]", depth + 1);
            if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)) return dictionary;
            if (definition == typeof(ImmutableDictionary<,>) || definition == typeof(IImmutableDictionary<,>)) return Immutable(typeof(ImmutableDictionary), args, dictionary);
            if (definition == typeof(ImmutableSortedDictionary<,>)) return Immutable(typeof(ImmutableSortedDictionary), args, dictionary);
            if (definition == typeof(SortedDictionary<,>)) return Activator.CreateInstance(type, dictionary)!;
            return null;
        }

        return null;
    }

    /// <summary>Calls <c>ImmutableX.CreateRange(items)</c> (the overload taking only the items).</summary>
    private static object Immutable(Type factory, Type[] args, IEnumerable items) =>
        factory.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == "CreateRange" && m.GetParameters().Length == 1 && m.GetGenericArguments().Length == args.Length)
            .MakeGenericMethod(args)
            .Invoke(null, [items])!;

    private static object Record(Type type, string path, int depth)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .OrderBy(c => c.GetParameters().Length)
            .FirstOrDefault(c => !c.GetParameters().Any(p => p.ParameterType == type))
            ?? throw new NotSupportedException($"{path}: {type} has no constructor the test can call.");
        var instance = constructor.Invoke([.. constructor.GetParameters().Select(p => Value(p.ParameterType, $"{path}.{p.Name}", depth + 1))]);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.SetMethod is not { IsPublic: true }) continue;
            property.SetValue(instance, Value(property.PropertyType, $"{path}.{property.Name}", depth + 1));
        }

        return instance;
    }
}
