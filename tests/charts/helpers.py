"""What the chart test files share: datasets, encodings and payload sizes of specs."""

import json
from typing import Any

import pandas as pd
from streamlit import dataframe_util


def payload_bytes(chart) -> int:
    return len(json.dumps(chart.to_dict()))


def datasets(spec: dict) -> list[list[dict]]:
    return list(spec.get("datasets", {}).values())


def layer_encodings(spec: dict) -> list[dict]:
    found = []
    for key in ("layer", "vconcat", "hconcat"):
        for part in spec.get(key, []):
            found += layer_encodings(part)
    if "encoding" in spec:
        found.append(spec["encoding"])
    return found


def without_data(spec: dict) -> dict:
    """The spec with its datasets dropped and each data name replaced by its order of use."""
    spec = {k: v for k, v in spec.items() if k != "datasets"}
    seen: dict[str, str] = {}

    def rename(node: object) -> object:
        if isinstance(node, dict):
            if set(node) == {"name"} and isinstance(node["name"], str):
                return {"name": seen.setdefault(node["name"], f"slot{len(seen)}")}
            return {k: rename(v) for k, v in node.items()}
        if isinstance(node, list):
            return [rename(v) for v in node]
        return node

    return rename(spec)


BUDGET = 100_000  # bytes one rerun may send for one chart


def arrow_bytes(data: pd.DataFrame) -> int:
    """The Arrow IPC bytes Streamlit sends for one dataset of a Vega-Lite chart."""
    return len(dataframe_util.convert_pandas_df_to_arrow_bytes(data))


def data_names(spec: dict) -> list[str]:
    """The dataset each layer reads, in layer order (a layer may inherit the chart's)."""
    top = spec.get("data", {}).get("name")
    return [layer.get("data", {}).get("name", top) for layer in spec.get("layer", [spec])]


def lightness(hex_colour: str) -> float:
    """Mean of the red, green and blue channels, 0 (black) to 1 (white)."""
    return sum(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)) / (3 * 255)


def keys_anywhere(value: Any, key: str) -> list:
    if isinstance(value, dict):
        found = [value[key]] if key in value else []
        return found + [f for v in value.values() for f in keys_anywhere(v, key)]
    if isinstance(value, list):
        return [f for v in value for f in keys_anywhere(v, key)]
    return []
