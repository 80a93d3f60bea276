import streamlit as st

from mathviz.ui import linear_algebra
from mathviz.ui.page import page_setup, show_topics

page_setup("Linear algebra", ":material/grid_on:")
st.title("Linear algebra")
st.caption(
    "Vectors, and the matrices that move them: what a matrix does to the plane, which "
    "directions it keeps, and how SVD and PCA find structure. The link in your address bar "
    "always reproduces what you see."
)

show_topics(
    "pages/linear_algebra.py",
    {
        "vectors": linear_algebra.vectors_topic,
        "norms": linear_algebra.norms_topic,
        "basis": linear_algebra.basis_topic,
        "transformations": linear_algebra.transformations_topic,
        "matrix-product": linear_algebra.matrix_product_topic,
        "eigen": linear_algebra.eigen_topic,
        "svd-pca": linear_algebra.svd_pca_topic,
        "layer": linear_algebra.layer_topic,
    },
)
