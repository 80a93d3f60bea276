"""The Linear algebra pillar: vectors and the matrices that move them, SVD, PCA and a layer."""

from mathviz.topics.linear_algebra import (
    basis,
    eigen,
    layer,
    matrix_product,
    norms,
    svd_pca,
    transformations,
    vectors,
)

TOPICS = (
    vectors.TOPIC,
    norms.TOPIC,
    basis.TOPIC,
    transformations.TOPIC,
    matrix_product.TOPIC,
    eigen.TOPIC,
    svd_pca.TOPIC,
    layer.TOPIC,
)
