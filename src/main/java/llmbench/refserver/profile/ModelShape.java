package llmbench.refserver.profile;

/**
 * The imitated model's size and attention shape, for memory accounting (profile keys in brackets;
 * optional, defaults: a 4-billion-parameter model with grouped-query attention, 4-bit weights).
 *
 * @param numLayers          [num_layers] transformer layers holding a KV cache (default 36)
 * @param numKvHeads         [num_kv_heads] key/value heads per layer (default 8)
 * @param headDim            [head_dim] dimension of one head (default 128)
 * @param weightsBytes       [weights_gb] weight memory, GB = 10^9 bytes (default 2.3 GB)
 * @param overheadBytes      [runtime_overhead_gb] activations, buffers, runtime (default 0.5 GB)
 */
public record ModelShape(int numLayers, int numKvHeads, int headDim, long weightsBytes, long overheadBytes) {
    public static final ModelShape DEFAULT = new ModelShape(36, 8, 128, 2_300_000_000L, 500_000_000L);

    public ModelShape {
        if (numLayers < 1 || numKvHeads < 1 || headDim < 1 || weightsBytes < 0 || overheadBytes < 0) {
            throw new IllegalArgumentException("num_layers, num_kv_heads, head_dim must be >= 1, sizes >= 0");
        }
    }

    /** K and V values per token over all layers: 2 · layers · kv heads · head dim. */
    public long kvElementsPerToken() {
        return 2L * numLayers * numKvHeads * headDim;
    }

    /**
     * Bytes of KV cache per token. 16-bit (kvBits 0): 2 bytes per element. Quantized to b bits in groups of
     * g elements (MLX affine quantization): b/8 bytes per element plus a 16-bit scale and a 16-bit bias per
     * group, i.e. {@code elements · (b/8 + 4/g)}.
     */
    public double kvBytesPerToken(int kvBits, int groupSize) {
        long e = kvElementsPerToken();
        if (kvBits == 0) {
            return 2.0 * e;
        }
        return e * (kvBits / 8.0 + 4.0 / groupSize);
    }
}
