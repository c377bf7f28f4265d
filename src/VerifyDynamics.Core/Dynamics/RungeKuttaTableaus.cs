namespace VerifyDynamics.Core.Dynamics;

/// <summary>
/// Butcher tableaus as data. Source of every coefficient: E. Hairer, S. P. Nørsett, G. Wanner,
/// <i>Solving Ordinary Differential Equations I</i>, 2nd ed., Springer 1993, §II.10 (method DOP853 of
/// Dormand &amp; Prince, "8(5,3)"), as published in Hairer's Fortran code <c>dop853.f</c> (the same
/// decimal expansions are reproduced in SciPy's <c>dop853_coefficients.py</c> and in Numerical
/// Recipes 3rd ed. §17.2). Stage indices below are 0-based: stage s of the paper is index s−1.
/// </summary>
public static class RungeKuttaTableaus
{
    /// <summary>
    /// The classical fourth-order Runge–Kutta method (Kutta 1901; HNW I, §II.1, Table 1.2, "the" Runge–Kutta method):
    /// c = (0, ½, ½, 1), a_21 = a_32 = ½, a_43 = 1, b = (1, 2, 2, 1)/6. The weights are stored as numerators over
    /// their common denominator so that a step computes y + (h/6)·(k_1 + 2k_2 + 2k_3 + k_4), the textbook operation order.
    /// </summary>
    public static ExplicitTableau ClassicalRk4 { get; } = new(
        "classical RK4",
        4,
        [0.0, 0.5, 0.5, 1.0],
        [[], [0.5], [0.0, 0.5], [0.0, 0.0, 1.0]],
        [1.0, 2.0, 2.0, 1.0],
        6.0);

    /// <summary>
    /// The Dormand–Prince 5(4) pair DOPRI5 (Dormand &amp; Prince 1980; HNW I, §II.5, Table 5.2; Hairer's <c>dopri5.f</c>):
    /// seven stages, the seventh evaluated at (t + h, y_new) and reused as the next step's first (FSAL); the 5th-order
    /// solution is propagated and E = b − b̂ (on all seven stages) gives the 4th-order error estimate h·Σ E_s k_s.
    /// Coefficients are the exact fractions of the table, each rounded once to a double.
    /// </summary>
    public static EmbeddedPair DormandPrince54 { get; } = new(
        "Dormand–Prince 5(4)",
        5,
        4,
        [0.0, 1.0, 3.0, 4.0, 8.0, 1.0, 1.0],
        [1.0, 5.0, 10.0, 5.0, 9.0, 1.0, 1.0],
        [
            [],
            [1.0 / 5],
            [3.0 / 40, 9.0 / 40],
            [44.0 / 45, -56.0 / 15, 32.0 / 9],
            [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
            [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
            [35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
        ],
        [35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0.0],
        [71.0 / 57600, 0.0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40]);

    /// <summary>The Dormand–Prince 8(5,3) pair with its 7th-order dense output.</summary>
    public static class Dop853
    {
        /// <summary>Number of stages of one step (the 12th stage is evaluated at t + h).</summary>
        public const int Stages = 12;

        /// <summary>Order of the propagated solution.</summary>
        public const int Order = 8;

        /// <summary>Nodes c_1..c_16 (c_13 = 1 is the FSAL evaluation f(t+h, y_new); 14–16 are the dense-output stages).</summary>
        public static readonly double[] C =
        [
            0.0,
            0.526001519587677318785587544488e-01,
            0.789002279381515978178381316732e-01,
            0.118350341907227396726757197510e+00,
            0.281649658092772603273242802490e+00,
            0.333333333333333333333333333333e+00,
            0.25e+00,
            0.307692307692307692307692307692e+00,
            0.651282051282051282051282051282e+00,
            0.6e+00,
            0.857142857142857142857142857142e+00,
            1.0,
            1.0,
            0.1e+00,
            0.2e+00,
            0.777777777777777777777777777778e+00,
        ];

        /// <summary>
        /// Runge–Kutta matrix rows a_{s,·} for stages 2..12 (row index s−1; row 0 is empty). The
        /// dense-output stages 14..16 have their own rows <see cref="A14"/>, <see cref="A15"/>,
        /// <see cref="A16"/>, which also use stage 13 = f(t+h, y_new).
        /// </summary>
        public static readonly double[][] A =
        [
            [],
            [5.26001519587677318785587544488e-2],
            [1.97250569845378994544595329183e-2, 5.91751709536136983633785987549e-2],
            [2.95875854768068491816892993775e-2, 0, 8.87627564304205475450678981324e-2],
            [2.41365134159266685502369798665e-1, 0, -8.84549479328286085344864962717e-1, 9.24834003261792003115737966543e-1],
            [3.7037037037037037037037037037e-2, 0, 0, 1.70828608729473871279604482173e-1, 1.25467687566822425016691814123e-1],
            [3.7109375e-2, 0, 0, 1.70252211019544039314978060272e-1, 6.02165389804559606850219397283e-2, -1.7578125e-2],
            [3.70920001185047927108779319836e-2, 0, 0, 1.70383925712239993810214054705e-1, 1.07262030446373284651809199168e-1,
                -1.53194377486244017527936158236e-2, 8.27378916381402288758473766002e-3],
            [6.24110958716075717114429577812e-1, 0, 0, -3.36089262944694129406857109825e0, -8.68219346841726006818189891453e-1,
                2.75920996994467083049415600797e1, 2.01540675504778934086186788979e1, -4.34898841810699588477366255144e1],
            [4.77662536438264365890433908527e-1, 0, 0, -2.48811461997166764192642586468e0, -5.90290826836842996371446475743e-1,
                2.12300514481811942347288949897e1, 1.52792336328824235832596922938e1, -3.32882109689848629194453265587e1,
                -2.03312017085086261358222928593e-2],
            [-9.3714243008598732571704021658e-1, 0, 0, 5.18637242884406370830023853209e0, 1.09143734899672957818500254654e0,
                -8.14978701074692612513997267357e0, -1.85200656599969598641566180701e1, 2.27394870993505042818970056734e1,
                2.49360555267965238987089396762e0, -3.0467644718982195003823669022e0],
            [2.27331014751653820792359768449e0, 0, 0, -1.05344954667372501984066689879e1, -2.00087205822486249909675718444e0,
                -1.79589318631187989172765950534e1, 2.79488845294199600508499808837e1, -2.85899827713502369474065508674e0,
                -8.87285693353062954433549289258e0, 1.23605671757943030647266201528e1, 6.43392746015763530355970484046e-1],
        ];

        /// <summary>8th-order weights b_1..b_12 (b_2..b_5 = 0).</summary>
        public static readonly double[] B =
        [
            5.42937341165687622380535766363e-2, 0, 0, 0, 0,
            4.45031289275240888144113950566e0,
            1.89151789931450038304281599044e0,
            -5.8012039600105847814672114227e0,
            3.1116436695781989440891606237e-1,
            -1.52160949662516078556178806805e-1,
            2.01365400804030348374776537501e-1,
            4.47106157277725905176885569043e-2,
        ];

        /// <summary>
        /// Weights of the 3rd-order embedded solution on stages 1, 9, 12 ("bhh"): the 3rd-order error
        /// estimate is h·(Σ b_s k_s − bhh_1 k_1 − bhh_2 k_9 − bhh_3 k_12).
        /// </summary>
        public static readonly double[] Bhh =
        [
            0.244094488188976377952755905512e+00,
            0.733846688281611857341361741547e+00,
            0.220588235294117647058823529412e-01,
        ];

        /// <summary>5th-order error coefficients e_1..e_12 (e_2..e_5 = 0): err_5 = h·Σ e_s k_s.</summary>
        public static readonly double[] E =
        [
            0.1312004499419488073250102996e-01, 0, 0, 0, 0,
            -0.1225156446376204440720569753e+01,
            -0.4957589496572501915214079952e+00,
            0.1664377182454986536961530415e+01,
            -0.3503288487499736816886487290e+00,
            0.3341791187130174790297318841e+00,
            0.8192320648511571246570742613e-01,
            -0.2235530786388629525884427845e-01,
        ];

        /// <summary>Row of stage 14 on stages 1..13 (index 12 = f(t+h, y_new)).</summary>
        public static readonly double[] A14 =
        [
            5.61675022830479523392909219681e-2, 0, 0, 0, 0, 0,
            2.53500210216624811088794765333e-1, -2.46239037470802489917441475441e-1, -1.24191423263816360469010140626e-1,
            1.5329179827876569731206322685e-1, 8.20105229563468988491666602057e-3, 7.56789766054569976138603589584e-3,
            -8.298e-3,
        ];

        /// <summary>Row of stage 15 on stages 1..14.</summary>
        public static readonly double[] A15 =
        [
            3.18346481635021405060768473261e-2, 0, 0, 0, 0,
            2.83009096723667755288322961402e-2, 5.35419883074385676223797384372e-2, -5.49237485713909884646569340306e-2,
            0, 0, -1.08347328697249322858509316994e-4, 3.82571090835658412954920192323e-4,
            -3.40465008687404560802977114492e-4, 1.41312443674632500278074618366e-1,
        ];

        /// <summary>Row of stage 16 on stages 1..15.</summary>
        public static readonly double[] A16 =
        [
            -4.28896301583791923408573538692e-1, 0, 0, 0, 0,
            -4.69762141536116384314449447206e0, 7.68342119606259904184240953878e0, 4.06898981839711007970213554331e0,
            3.56727187455281109270669543021e-1, 0, 0, 0,
            -1.39902416515901462129418009734e-3, 2.9475147891527723389556272149e0, -9.15095847217987001081870187138e0,
        ];

        /// <summary>
        /// Dense-output coefficients d_{4..7, s} on stages 1..16 (rows 0..3 = d4..d7; stages 2..5 are 0).
        /// The interpolant on [t, t+h] with θ = (t'−t)/h, θ₁ = 1−θ is
        /// r1 + θ(r2 + θ₁(r3 + θ(r4 + θ₁(r5 + θ(r6 + θ₁(r7 + θ r8)))))) with r5..r8 = h·Σ_s d_{·,s} k_s.
        /// </summary>
        public static readonly double[][] D =
        [
            [-0.84289382761090128651353491142e+01, 0, 0, 0, 0, 0.56671495351937776962531783590e+00,
                -0.30689499459498916912797304727e+01, 0.23846676565120698287728149680e+01, 0.21170345824450282767155149946e+01,
                -0.87139158377797299206789907490e+00, 0.22404374302607882758541771650e+01, 0.63157877876946881815570249290e+00,
                -0.88990336451333310820698117400e-01, 0.18148505520854727256656404962e+02, -0.91946323924783554000451984436e+01,
                -0.44360363875948939664310572000e+01],
            [0.10427508642579134603413151009e+02, 0, 0, 0, 0, 0.24228349177525818288430175319e+03,
                0.16520045171727028198505394887e+03, -0.37454675472269020279518312152e+03, -0.22113666853125306036270938578e+02,
                0.77334326684722638389603898808e+01, -0.30674084731089398182061213626e+02, -0.93321305264302278729567221706e+01,
                0.15697238121770843886131091075e+02, -0.31139403219565177677282850411e+02, -0.93529243588444783865713862664e+01,
                0.35816841486394083752465898540e+02],
            [0.19985053242002433820987653617e+02, 0, 0, 0, 0, -0.38703730874935176555105901742e+03,
                -0.18917813819516756882830838328e+03, 0.52780815920542364900561016686e+03, -0.11573902539959630126141871134e+02,
                0.68812326946963000169666922661e+01, -0.10006050966910838403183860980e+01, 0.77771377980534432092869265740e+00,
                -0.27782057523535084065932004339e+01, -0.60196695231264120758267380846e+02, 0.84320405506677161018159903784e+02,
                0.11992291136182789328035130030e+02],
            [-0.25693933462703749003312586129e+02, 0, 0, 0, 0, -0.15418974869023643374053993627e+03,
                -0.23152937917604549567536039109e+03, 0.35763911791061412378285349910e+03, 0.93405324183624310003907691704e+02,
                -0.37458323136451633156875139351e+02, 0.10409964950896230045147246184e+03, 0.29840293426660503123344363579e+02,
                -0.43533456590011143754432175058e+02, 0.96324553959188282948394950600e+02, -0.39177261675615439165231486172e+02,
                -0.14972683625798562581422125276e+03],
        ];
    }
}

/// <summary>
/// An explicit Runge–Kutta method for fixed-step runs of <see cref="OdeSolver"/> (<see cref="OdeSettings.Tableau"/>):
/// nodes c, strictly lower-triangular a (row s has s entries), and weights b_s = BNumerators[s] / BDenominator, so that
/// y_new = y + (h/BDenominator)·Σ_s BNumerators[s]·k_s (stage order, one rounded multiply and add per term).
/// </summary>
public sealed record ExplicitTableau(string Name, int Order, double[] C, double[][] A, double[] BNumerators, double BDenominator)
{
    public int Stages => C.Length;
}

/// <summary>
/// An embedded explicit Runge–Kutta pair for adaptive runs of <see cref="EmbeddedRungeKutta"/>: nodes c_s = CNumerators[s] /
/// CDenominators[s] (a stage time is t + (CNumerators[s]·h)/CDenominators[s], so c = 1/5 gives t + h/5 exactly as written),
/// strictly lower-triangular a (row s has s entries), weights B of the propagated solution (order <see cref="Order"/>) and
/// error weights E = b − b̂ (the embedded solution has order <see cref="EmbeddedOrder"/>). When the last row of A equals B the
/// pair is FSAL: the last stage is f(t + h, y_new) and becomes the next step's first stage.
/// </summary>
public sealed record EmbeddedPair(
    string Name, int Order, int EmbeddedOrder, double[] CNumerators, double[] CDenominators, double[][] A, double[] B, double[] E)
{
    public int Stages => CNumerators.Length;

    /// <summary>True when the last stage is f(t + h, y_new), i.e. the last row of A is B without its last entry.</summary>
    public bool FirstSameAsLast => A[^1].Length == Stages - 1 && A[^1].SequenceEqual(B.Take(Stages - 1));
}
