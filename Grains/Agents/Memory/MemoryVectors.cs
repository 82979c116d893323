using TDeveloper.Grains.Interfaces.Memory;

namespace TDeveloper.Grains.Agents.Memory;

/// <summary>The vector arithmetic of memory search: quantising embeddings and comparing them.</summary>
public static class MemoryVectors
{
    /// <summary>The bytes one vector costs in memory besides its components (the array's and record's headers, the norm).</summary>
    public const int OverheadBytes = 48;

    /// <summary>
    /// Gets <paramref name="values"/> quantised to one signed byte per component, the largest magnitude scaled to 127; null when
    /// there are no components or all are zero (or not finite), since such a vector compares with nothing.
    /// </summary>
    public static MemoryVector? Quantize(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) return null;
            max = Math.Max(max, Math.Abs(v));
        }

        if (max == 0f) return null;
        var bytes = new sbyte[values.Length];
        long sumOfSquares = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var q = (sbyte)Math.Clamp((int)MathF.Round(values[i] / max * 127f), -127, 127);
            bytes[i] = q;
            sumOfSquares += q * q;
        }

        return new MemoryVector { Values = bytes, Norm = (float)Math.Sqrt(sumOfSquares) };
    }

    /// <summary>Gets the cosine similarity of two quantised vectors, −1 to 1; 0 when their dimensions differ (another model's) or either is zero.</summary>
    public static double Cosine(MemoryVector a, MemoryVector b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Values.Length != b.Values.Length || a.Norm == 0 || b.Norm == 0) return 0;
        return Math.Clamp(Dot(a.Values, b.Values) / ((double)a.Norm * b.Norm), -1, 1);
    }

    /// <summary>Gets the dot product of two byte vectors of the same length, with SIMD where the machine has it (at most 127² × 131,000 dimensions fits an int).</summary>
    private static long Dot(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y)
    {
        var i = 0;
        long dot = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && x.Length >= System.Numerics.Vector<sbyte>.Count)
        {
            var sum = System.Numerics.Vector<int>.Zero;
            for (; i <= x.Length - System.Numerics.Vector<sbyte>.Count; i += System.Numerics.Vector<sbyte>.Count)
            {
                System.Numerics.Vector.Widen(new System.Numerics.Vector<sbyte>(x[i..]), out var xLow, out var xHigh);
                System.Numerics.Vector.Widen(new System.Numerics.Vector<sbyte>(y[i..]), out var yLow, out var yHigh);
                sum += Products(xLow, yLow) + Products(xHigh, yHigh);
            }

            dot = System.Numerics.Vector.Sum(sum);
        }

        for (; i < x.Length; i++) dot += x[i] * y[i];
        return dot;
    }

    private static System.Numerics.Vector<int> Products(System.Numerics.Vector<short> x, System.Numerics.Vector<short> y)
    {
        System.Numerics.Vector.Widen(x, out var xLow, out var xHigh);
        System.Numerics.Vector.Widen(y, out var yLow, out var yHigh);
        return xLow * yLow + xHigh * yHigh;
    }

    /// <summary>Gets the cosine similarity of two float vectors, −1 to 1; 0 when their lengths differ or either is zero.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) return 0;
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : Math.Clamp(dot / Math.Sqrt(na * nb), -1, 1);
    }

    /// <summary>Scales <paramref name="values"/> in place to unit length (left as it is when zero).</summary>
    public static void Normalize(Span<float> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v * v;
        if (sum == 0) return;
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < values.Length; i++) values[i] *= scale;
    }

    /// <summary>Gets the bytes <paramref name="vector"/> costs in memory: one per dimension plus <see cref="OverheadBytes"/>.</summary>
    public static int BytesOf(MemoryVector vector) => vector.Values.Length + OverheadBytes;
}
