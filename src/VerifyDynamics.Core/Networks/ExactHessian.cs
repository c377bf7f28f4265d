using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// Dense Hessians ∇²f(θ) ∈ R^{d×d} (keep d ≲ 500: MathNet's managed provider is slow on big dense work).
/// <list type="bullet">
/// <item><see cref="DeepLinear"/>: EC21 Lemma 5 (Eq. 12) assembled block by block.</item>
/// <item><see cref="Homogeneous"/>: EC21 Lemma 9 (Eq. 16) per sample with frozen masks, pulled back through the
/// layer maps (Lemma 21 / Eq. 30 for weight sharing).</item>
/// <item><see cref="FromHessianVectorProducts(IDifferentiableObjective, double[])"/> (d HVPs, symmetrized) and <see cref="FiniteDifference"/> (central
/// differences of the exact gradient): independent cross-checks.</item>
/// <item><see cref="Lemma5QuadraticForm"/>: the right-hand side of Eq. 12 evaluated directly for one Δθ.</item>
/// </list>
/// Parameter order is the objective's θ layout (layer by layer, column-major).
/// </summary>
public static class ExactHessian
{
    /// <summary>
    /// EC21 Lemma 5: ∇²f(θ)[Δ] = ∇²φ(W_{n:1})[Σ_j W_{n:j+1}ΔW_jW_{j−1:1}] + 2Tr(∇φᵀ Σ_{j&lt;j'} W_{n:j'+1}ΔW_{j'}W_{j'−1:j+1}ΔW_jW_{j−1:1}).
    /// First term: JᵀH_φJ with column (j,p,q) of J = vec(W_{n:j+1}e_pe_qᵀW_{j−1:1}). Cross term for j &lt; j':
    /// block entry [(p,r) of W_{j'}, (s,q) of W_j] = M_{pq}B_{rs}, M = W_{n:j'+1}ᵀ∇φW_{j−1:1}ᵀ, B = W_{j'−1:j+1}.
    /// </summary>
    public static Matrix<double> DeepLinear(DeepLinearObjective objective, double[] theta)
    {
        var net = objective.Network(theta);
        int n = net.Depth;
        var dims = net.Dims;
        int d = objective.Dimension;
        var e2e = net.EndToEnd();
        var g = objective.Phi.Gradient(e2e);
        // J columns as matrices d_n × d_0, and H_φ applied to each.
        var jCols = new Matrix<double>[d];
        for (int j = 1; j <= n; j++)
        {
            var s = net.Product(j + 1, n);      // W_{n:j+1}, d_n × d_j
            var p = net.Product(1, j - 1);      // W_{j−1:1}, d_{j−1} × d_0
            for (int q = 0; q < dims[j - 1]; q++)
            {
                for (int r = 0; r < dims[j]; r++)
                {
                    jCols[objective.Offset(j) + r + q * dims[j]] = s.Column(r).OuterProduct(p.Row(q));
                }
            }
        }
        var h = Matrix<double>.Build.Dense(d, d);
        for (int b = 0; b < d; b++)
        {
            var hj = objective.Phi.HessianApply(e2e, jCols[b]);
            for (int a = 0; a <= b; a++)
            {
                double v = FrobeniusInner(jCols[a], hj);
                h[a, b] = v;
                h[b, a] = v;
            }
        }
        for (int j = 1; j <= n; j++)
        {
            for (int jp = j + 1; jp <= n; jp++)
            {
                var m = net.Product(jp + 1, n).TransposeThisAndMultiply(g).TransposeAndMultiply(net.Product(1, j - 1)); // d_{j'} × d_{j−1}
                var bmat = net.Product(j + 1, jp - 1); // d_{j'−1} × d_j
                for (int pp = 0; pp < dims[jp]; pp++)
                {
                    for (int rr = 0; rr < dims[jp - 1]; rr++)
                    {
                        int ia = objective.Offset(jp) + pp + rr * dims[jp];
                        for (int ss = 0; ss < dims[j]; ss++)
                        {
                            double brs = bmat[rr, ss];
                            if (brs == 0)
                            {
                                continue;
                            }
                            for (int qq = 0; qq < dims[j - 1]; qq++)
                            {
                                int ib = objective.Offset(j) + ss + qq * dims[j];
                                double v = m[pp, qq] * brs;
                                h[ia, ib] += v;
                                h[ib, ia] += v;
                            }
                        }
                    }
                }
            }
        }
        return h;
    }

    /// <summary>
    /// EC21 Lemma 9 (Eq. 16) with masks D'_{i,j} frozen at θ, in matrix coordinates, then pulled back through
    /// the layer maps (H_w = PᵀH_WP, Eq. 30). Per sample i: J_i column (j,p,q) = A_{i,j}[:,p]·a_{i,j−1}[q] with
    /// A_{i,j} = (D'W)_{n:j+1}D'_{i,j} and a_{i,j−1} = (D'W)_{j−1:1}x_i; cross block (j &lt; j') entry
    /// [(p,r),(s,q)] = (A_{i,j'}ᵀ∇ℓ_i)_p · ((D'W)_{j'−1:j+1}D'_{i,j})_{rs} · a_{i,j−1}[q]; all divided by m.
    /// </summary>
    public static Matrix<double> Homogeneous(HomogeneousNetwork network, double[] theta)
    {
        var fp = network.Forward(theta);
        int n = network.Depth;
        var dims = network.Dims;
        int m = network.Samples;
        var offsets = new int[n + 2];
        for (int j = 1; j <= n; j++)
        {
            offsets[j + 1] = offsets[j] + dims[j] * dims[j - 1];
        }
        int dw = offsets[n + 1];
        var hw = Matrix<double>.Build.Dense(dw, dw);
        var grads = network.Loss.Gradient(fp.Output, network.Y);
        for (int i = 0; i < m; i++)
        {
            AddSample(network, fp, grads, offsets, i, hw);
        }
        return network.Layers.All(l => l.IsDense) ? hw : PullBack(network, offsets, hw);
    }

    /// <summary>Sample i's contribution (first term J_iᵀ∇²ℓ_iJ_i and the cross terms, each divided by m) added into hw.</summary>
    private static void AddSample(HomogeneousNetwork network, HomogeneousNetwork.ForwardPass fp, Matrix<double> grads, int[] offsets, int i, Matrix<double> hw)
    {
        int n = network.Depth;
        var dims = network.Dims;
        var mb = Matrix<double>.Build;
        // Per-sample diagonal slopes and activations.
        var slope = new Vector<double>[n + 1];
        var act = new Vector<double>[n + 1];
        act[0] = fp.A[0].Column(i);
        for (int j = 1; j <= n; j++)
        {
            slope[j] = fp.Slopes[j].Column(i);
            act[j] = fp.A[j].Column(i);
        }
        // DW[j] = D'_{i,j} W_j; chain(k, l) = (D'W)_{l:k} (identity if k > l).
        var dwm = new Matrix<double>[n + 1];
        for (int j = 1; j <= n; j++)
        {
            dwm[j] = mb.DiagonalOfDiagonalVector(slope[j]) * fp.Weights[j - 1];
        }
        var a = new Matrix<double>[n + 1]; // A_{i,j} = (D'W)_{n:j+1} D'_{i,j}, d_n × d_j
        for (int j = 1; j <= n; j++)
        {
            a[j] = Chain(dwm, dims, j + 1, n) * mb.DiagonalOfDiagonalVector(slope[j]);
        }
        AddFirstTerm(network, fp, offsets, i, act, a, hw);
        AddCrossTerms(network, offsets, grads.Column(i), slope, act, dwm, a, hw);
    }

    /// <summary>(D'W)_{l:k} = D'_lW_l ⋯ D'_kW_k (identity if k &gt; l).</summary>
    private static Matrix<double> Chain(Matrix<double>[] dwm, int[] dims, int k, int l)
    {
        var c = Matrix<double>.Build.DenseIdentity(dims[k - 1]);
        for (int t = k; t <= l; t++)
        {
            c = dwm[t] * c;
        }
        return c;
    }

    /// <summary>First term of sample i: hw += J_iᵀ∇²ℓ_iJ_i/m, column (j,p,q) of J_i = A_{i,j}[:,p]·a_{i,j−1}[q].</summary>
    private static void AddFirstTerm(HomogeneousNetwork network, HomogeneousNetwork.ForwardPass fp, int[] offsets, int i, Vector<double>[] act, Matrix<double>[] a, Matrix<double> hw)
    {
        int n = network.Depth;
        var dims = network.Dims;
        int dw = offsets[n + 1];
        var mb = Matrix<double>.Build;
        var jm = mb.Dense(dims[n], dw);
        for (int j = 1; j <= n; j++)
        {
            for (int q = 0; q < dims[j - 1]; q++)
            {
                double aq = act[j - 1][q];
                if (aq == 0)
                {
                    continue;
                }
                for (int p = 0; p < dims[j]; p++)
                {
                    jm.SetColumn(offsets[j] + p + q * dims[j], a[j].Column(p) * aq);
                }
            }
        }
        var yhat = fp.Output.SubMatrix(0, dims[n], i, 1);
        var yi = network.Y.SubMatrix(0, dims[n], i, 1);
        var hl = mb.Dense(dims[n], dims[n]);
        for (int k = 0; k < dims[n]; k++)
        {
            var e = mb.Dense(dims[n], 1);
            e[k, 0] = 1;
            hl.SetColumn(k, network.Loss.HessianApply(yhat, yi, e).Column(0));
        }
        hw.Add(jm.TransposeThisAndMultiply(hl * jm) / network.Samples, hw);
    }

    /// <summary>Cross terms of sample i (j &lt; j'): entry [(p,r) of W_{j'}, (s,q) of W_j] += (A_{i,j'}ᵀ∇ℓ_i)_p((D'W)_{j'−1:j+1}D'_{i,j})_{rs}a_{i,j−1}[q]/m, both triangles.</summary>
    private static void AddCrossTerms(HomogeneousNetwork network, int[] offsets, Vector<double> gl, Vector<double>[] slope, Vector<double>[] act, Matrix<double>[] dwm, Matrix<double>[] a, Matrix<double> hw)
    {
        int n = network.Depth;
        var dims = network.Dims;
        int m = network.Samples;
        var mb = Matrix<double>.Build;
        for (int j = 1; j <= n; j++)
        {
            for (int jp = j + 1; jp <= n; jp++)
            {
                var u = a[jp].TransposeThisAndMultiply(gl);                          // d_{j'}
                var b = Chain(dwm, dims, j + 1, jp - 1) * mb.DiagonalOfDiagonalVector(slope[j]); // d_{j'−1} × d_j
                var c = act[j - 1];                                                  // d_{j−1}
                for (int p = 0; p < dims[jp]; p++)
                {
                    if (u[p] == 0)
                    {
                        continue;
                    }
                    for (int r = 0; r < dims[jp - 1]; r++)
                    {
                        int ia = offsets[jp] + p + r * dims[jp];
                        for (int s = 0; s < dims[j]; s++)
                        {
                            double ub = u[p] * b[r, s] / m;
                            if (ub == 0)
                            {
                                continue;
                            }
                            for (int q = 0; q < dims[j - 1]; q++)
                            {
                                int ib = offsets[j] + s + q * dims[j];
                                double v = ub * c[q];
                                hw[ia, ib] += v;
                                hw[ib, ia] += v;
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>H_w = PᵀH_WP: the matrix-coordinate Hessian pulled back through the (weight-sharing) layer maps (Eq. 30).</summary>
    private static Matrix<double> PullBack(HomogeneousNetwork network, int[] offsets, Matrix<double> hw)
    {
        int n = network.Depth;
        int dw = offsets[n + 1];
        var mb = Matrix<double>.Build;
        var coord = new int[dw];
        for (int j = 1; j <= n; j++)
        {
            var layer = network.Layers[j - 1];
            for (int e = 0; e < layer.Rows * layer.Columns; e++)
            {
                int k = layer.CoordinateOf(e);
                coord[offsets[j] + e] = k < 0 ? -1 : network.Offset(j) + k;
            }
        }
        var h = mb.Dense(network.Dimension, network.Dimension);
        for (int x = 0; x < dw; x++)
        {
            if (coord[x] < 0)
            {
                continue;
            }
            for (int y = 0; y < dw; y++)
            {
                if (coord[y] >= 0)
                {
                    h[coord[x], coord[y]] += hw[x, y];
                }
            }
        }
        return h;
    }

    /// <summary>
    /// λ_min(∇²f(θ)) from the exact Hessian with a rigorous error: the symmetric eigensolver's backward error γ_{8d+8}‖H‖_F
    /// (<see cref="LinearAlgebra.Spectra.MinEigenvalueWithBackwardError"/>) plus the assembly's rounding bound
    /// (<see cref="IDifferentiableObjective.HessianRoundingBound"/>). The assembled matrix is symmetrized as ½(H + Hᵀ) first
    /// unless <paramref name="symmetrize"/> is false (the eigensolver then reads one triangle).
    /// </summary>
    public static (double Value, double Error) CertifiedMinEigenvalue(IDifferentiableObjective f, double[] theta, bool symmetrize = true)
    {
        var h = f.Hessian(theta);
        var (v, e) = LinearAlgebra.Spectra.MinEigenvalueWithBackwardError(symmetrize ? 0.5 * (h + h.Transpose()) : h);
        return (v, e + f.HessianRoundingBound(theta));
    }

    /// <summary>Column b = ∇²f(θ)e_b by the analytic HVP, then ½(H + Hᵀ).</summary>
    public static Matrix<double> FromHessianVectorProducts(IDifferentiableObjective f, double[] theta) =>
        FromHessianVectorProducts(f.Dimension, v => f.HessianVectorProduct(theta, v));

    /// <summary>Column b = hvp(e_b) for a Hessian-vector product on R^d (d small), then ½(H + Hᵀ).</summary>
    public static Matrix<double> FromHessianVectorProducts(int d, Func<double[], double[]> hvp)
    {
        var h = Matrix<double>.Build.Dense(d, d);
        for (int b = 0; b < d; b++)
        {
            var e = new double[d];
            e[b] = 1;
            h.SetColumn(b, hvp(e));
        }
        return (h + h.Transpose()) / 2;
    }

    /// <summary>
    /// Column b = (∇f(θ + h e_b) − ∇f(θ − h e_b))/(2h), symmetrized. Error ≈ h²‖∇³f‖/6 + u‖∇f‖/h (≈1e−10·scale at h = 1e−6,
    /// catalog "Hessian/λ_min computation"); for piecewise-linear nets h must be ≪ <see cref="HomogeneousNetwork.RegionMargin"/>.
    /// </summary>
    public static Matrix<double> FiniteDifference(IDifferentiableObjective f, double[] theta, double h = 1e-6)
    {
        int d = f.Dimension;
        var hm = Matrix<double>.Build.Dense(d, d);
        for (int b = 0; b < d; b++)
        {
            var e = new double[d];
            e[b] = 1;
            hm.SetColumn(b, HessianVectorProduct.FiniteDifference(f, theta, e, h));
        }
        return (hm + hm.Transpose()) / 2;
    }

    /// <summary>The right-hand side of EC21 Eq. (12) for one direction Δθ (a scalar, evaluated literally).</summary>
    public static double Lemma5QuadraticForm(DeepLinearObjective objective, double[] theta, double[] delta)
    {
        var net = objective.Network(theta);
        var dW = objective.Unflatten(delta);
        int n = net.Depth;
        var e2e = net.EndToEnd();
        Matrix<double>? sum = null;
        for (int j = 1; j <= n; j++)
        {
            var term = net.Product(j + 1, n) * dW[j - 1] * net.Product(1, j - 1);
            sum = sum is null ? term : sum + term;
        }
        double first = FrobeniusInner(sum!, objective.Phi.HessianApply(e2e, sum!));
        var g = objective.Phi.Gradient(e2e);
        double cross = 0;
        for (int j = 1; j <= n; j++)
        {
            for (int jp = j + 1; jp <= n; jp++)
            {
                var t = net.Product(jp + 1, n) * dW[jp - 1] * net.Product(j + 1, jp - 1) * dW[j - 1] * net.Product(1, j - 1);
                cross += FrobeniusInner(g, t);
            }
        }
        return first + 2 * cross;
    }

    /// <summary>⟨A, B⟩ = Tr(AᵀB).</summary>
    public static double FrobeniusInner(Matrix<double> a, Matrix<double> b)
    {
        double s = 0;
        for (int c = 0; c < a.ColumnCount; c++)
        {
            for (int r = 0; r < a.RowCount; r++)
            {
                s += a[r, c] * b[r, c];
            }
        }
        return s;
    }
}
