import streamlit as st

from mathviz.charts.roadmap import layout, roadmap_chart
from mathviz.roadmap import PILLARS, PREREQUISITES
from mathviz.ui import frame
from mathviz.ui.page import page_setup

page_setup("Roadmap")
st.title("mathviz")
st.markdown(
    "The mathematics under machine learning — calculus, linear algebra, multivariable "
    "calculus, probability and information theory — as things you can move. Drag a slider, "
    "type a function, and watch the numbers and pictures answer."
)

with st.expander("How to use this", expanded=False, icon=":material/help:"):
    st.markdown(
        "- **Learn just in time.** Start wherever your current machine-learning question "
        "needs you; the arrows below show what each topic builds on.\n"
        "- **Every topic** has a short explanation, the formula, controls, live charts, the key "
        "numbers, presets that jump to a telling case, and *Try this* prompts.\n"
        "- **Share exactly what you see.** Every control lives in the address bar, so a copied "
        "link reopens the same view — random draws included.\n"
        "- **Teaching?** Turn on *Projector mode* in the sidebar for big type and thick lines; "
        "it travels with your links.\n"
        "- **Download** the data behind any chart as CSV from under it."
    )

st.subheader("The roadmap")
coming = not all(pillar.built for pillar in PILLARS)
st.caption(
    "Click a topic to open it. An arrow runs from a topic to one that builds on it."
    + (" Grey ones are on their way." if coming else "")
)
carry = {"projector": "true"} if frame.projector_on() else {}
drawn = layout(PILLARS, PREREQUISITES, carry=carry, projector=frame.projector_on())
st.markdown(
    '<p class="phone-only">The map is wider than a phone: swipe it sideways to see the rest →</p>',
    unsafe_allow_html=True,
)
with st.container(key="roadmap"):  # scrolls sideways on a phone instead of squashing
    frame.chart(roadmap_chart, *drawn, fit_width=False)

st.subheader("Every topic")
for pillar in PILLARS:
    st.markdown(f"**{pillar.name}**" + ("" if pillar.built else " · coming soon"))
    with st.container(horizontal=True, gap="small"):
        for topic in pillar.topics:
            if pillar.built:
                st.page_link(
                    pillar.page,
                    label=topic.label,
                    icon=":material/arrow_forward:",
                    query_params={"topic": topic.label, **carry},
                    help=topic.summary,
                )
            else:
                st.markdown(
                    f"<span style='opacity:.55'>{topic.label}</span>",
                    unsafe_allow_html=True,
                    width="content",
                )
