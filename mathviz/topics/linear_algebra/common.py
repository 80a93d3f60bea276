"""What several Linear algebra topics share: the origin and the basis vectors e₁ and e₂."""

from __future__ import annotations

import numpy as np

ORIGIN = np.zeros(2)
E1, E2 = np.eye(2)
"""e₁ = (1, 0) and e₂ = (0, 1): A·e₁ and A·e₂ are the columns of A, drawn as arrows."""
ORIGIN.flags.writeable = False
E1.flags.writeable = False
E2.flags.writeable = False
