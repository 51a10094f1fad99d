#!/usr/bin/env python3
"""A tiny but real image classifier in the shape of a Custom Vision compact-domain ONNX export.

Writes <out>/model.onnx and <out>/labels.txt. The model averages each input channel over the image and
scores four tags from those three means: "red", "green" and "blue" grow with their channel, "dark" is a
constant that wins when the image is dim. Because channel 0 is blue in a Bgr8 model and red in an Rgb8 one,
and because a 0-255 model fed 0-1 values sees a dark image, a classifier that ignores the model's metadata
gets the colour wrong: that is what the tests check.

Two output forms, as Custom Vision exports have them:
  probabilities  model_output: float [1, N], in labels.txt order (newer exports)
  zipmap         classLabel: string [1], loss: seq(map(string, float)) (older exports)

With --body mobilenet (the benchmark's model), a MobileNetV2-class network with random weights (seeded, nothing
downloaded) runs beside the colour means and adds a small share to the scores: the size and work of a Custom Vision
compact-domain export (about 2.2 M weights, 0.3 GMAC at 224x224), with the same answers as the tiny model.

Needs Debian's python3-onnx (installed by .ci/run).
Usage: make_tiny_onnx.py OUT_DIR [--form probabilities|zipmap] [--pixel-format Bgr8|Rgb8]
                                 [--range NominalRange_0_255|Normalized_0_1] [--size 32] [--body none|mobilenet]
"""
import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# labels.txt order is deliberately not the colour order, so that order matters.
LABELS = ["green", "dark", "red", "blue"]


def sequence_of_maps():
    """seq(map(string, float)), ZipMap's output type (onnx 1.12's helper has no map builder)."""
    value_type = onnx.TypeProto()
    value_type.sequence_type.elem_type.map_type.key_type = TensorProto.STRING
    value_type.sequence_type.elem_type.map_type.value_type.tensor_type.elem_type = TensorProto.FLOAT
    return value_type


# MobileNetV2's inverted residual blocks: expansion, output channels, repeats, first stride.
MOBILENET_V2_BLOCKS = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


def mobilenet_body(rng, input_scale, label_count):
    """Nodes and weights from "data" to "body_logits" [1, label_count]: MobileNetV2 with batch norm folded into the convs."""
    nodes, initializers = [], []
    counter = [0]

    def conv(source, in_channels, out_channels, kernel, stride, groups=1, relu6=True, scale=1.0):
        counter[0] += 1
        name = f"conv{counter[0]}"
        fan_in = in_channels // groups * kernel * kernel
        weight = (rng.standard_normal((out_channels, in_channels // groups, kernel, kernel)) * np.sqrt(2.0 / fan_in) * scale).astype(np.float32)
        initializers.append(numpy_helper.from_array(weight, f"{name}_w"))
        initializers.append(numpy_helper.from_array(np.zeros((out_channels,), dtype=np.float32), f"{name}_b"))
        pad = kernel // 2
        nodes.append(helper.make_node("Conv", [source, f"{name}_w", f"{name}_b"], [f"{name}_out"], kernel_shape=[kernel, kernel], strides=[stride, stride], pads=[pad] * 4, group=groups))
        if not relu6:
            return f"{name}_out"
        nodes.append(helper.make_node("Clip", [f"{name}_out", "relu6_min", "relu6_max"], [f"{name}_act"]))
        return f"{name}_act"

    initializers += [numpy_helper.from_array(np.array(0.0, dtype=np.float32), "relu6_min"), numpy_helper.from_array(np.array(6.0, dtype=np.float32), "relu6_max")]
    x, channels = conv("data", 3, 32, 3, 2, scale=input_scale), 32
    for expansion, out_channels, repeats, first_stride in MOBILENET_V2_BLOCKS:
        for repeat in range(repeats):
            stride = first_stride if repeat == 0 else 1
            hidden = channels * expansion
            y = conv(x, channels, hidden, 1, 1) if expansion != 1 else x
            y = conv(y, hidden, hidden, 3, stride, groups=hidden)
            y = conv(y, hidden, out_channels, 1, 1, relu6=False)
            if stride == 1 and channels == out_channels:
                counter[0] += 1
                nodes.append(helper.make_node("Add", [x, y], [f"residual{counter[0]}"]))
                y = f"residual{counter[0]}"
            x, channels = y, out_channels
    x = conv(x, channels, 1280, 1, 1)
    nodes += [helper.make_node("GlobalAveragePool", [x], ["body_pooled"]), helper.make_node("Flatten", ["body_pooled"], ["body_features"], axis=1)]
    # A small share of the scores: the colour means still decide, as in the tiny model.
    classifier = (rng.standard_normal((1280, label_count)) * 1e-3).astype(np.float32)
    initializers.append(numpy_helper.from_array(classifier, "body_classifier"))
    nodes.append(helper.make_node("MatMul", ["body_features", "body_classifier"], ["body_logits"]))
    return nodes, initializers


def build(form, pixel_format, pixel_range, size, body="none"):
    scale = 12.0 if pixel_range == "Normalized_0_1" else 12.0 / 255.0
    dark_logit = 3.0
    # Rows: input channels in the model's own order; columns: LABELS.
    channel_names = ["blue", "green", "red"] if pixel_format == "Bgr8" else ["red", "green", "blue"]
    weights = np.zeros((3, len(LABELS)), dtype=np.float32)
    for row, colour in enumerate(channel_names):
        weights[row, LABELS.index(colour)] = scale
        # A pure colour should beat the mixtures around it: the other channels count against it.
        for other in range(3):
            if other != row:
                weights[other, LABELS.index(colour)] = -scale / 2
    bias = np.zeros((len(LABELS),), dtype=np.float32)
    bias[LABELS.index("dark")] = dark_logit

    nodes = [
        helper.make_node("GlobalAveragePool", ["data"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["features"], axis=1),
        helper.make_node("MatMul", ["features", "weights"], ["logits_raw"]),
        helper.make_node("Add", ["logits_raw", "bias"], ["colour_logits"]),
    ]
    initializers = [numpy_helper.from_array(weights, "weights"), numpy_helper.from_array(bias, "bias")]
    if body == "mobilenet":
        body_nodes, body_initializers = mobilenet_body(np.random.default_rng(0), 1.0 if pixel_range == "Normalized_0_1" else 1.0 / 255.0, len(LABELS))
        nodes += body_nodes + [helper.make_node("Add", ["colour_logits", "body_logits"], ["logits"])]
        initializers += body_initializers
    else:
        nodes.append(helper.make_node("Identity", ["colour_logits"], ["logits"]))
    inputs = [helper.make_tensor_value_info("data", TensorProto.FLOAT, [1, 3, size, size])]
    opsets = [helper.make_opsetid("", 13)]

    if form == "probabilities":
        nodes.append(helper.make_node("Softmax", ["logits"], ["model_output"], axis=1))
        outputs = [helper.make_tensor_value_info("model_output", TensorProto.FLOAT, [1, len(LABELS)])]
    else:
        nodes += [
            helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
            helper.make_node("ArgMax", ["probabilities"], ["best"], axis=1, keepdims=0),
            helper.make_node(
                "LabelEncoder", ["best"], ["classLabel"], domain="ai.onnx.ml",
                keys_int64s=list(range(len(LABELS))), values_strings=LABELS,
            ),
            helper.make_node(
                "ZipMap", ["probabilities"], ["loss"], domain="ai.onnx.ml", classlabels_strings=LABELS,
            ),
        ]
        outputs = [
            helper.make_tensor_value_info("classLabel", TensorProto.STRING, [1]),
            helper.make_value_info("loss", sequence_of_maps()),
        ]
        opsets.append(helper.make_opsetid("ai.onnx.ml", 2))

    graph = helper.make_graph(nodes, "tiny_custom_vision_classifier", inputs, outputs, initializers)
    model = helper.make_model(graph, opset_imports=opsets, producer_name="labmate-tests", ir_version=8)
    helper.set_model_props(model, {
        "Image.BitmapPixelFormat": pixel_format,
        "Image.ColorSpaceGamma": "SRGB",
        "Image.NominalPixelRange": pixel_range,
    })
    onnx.checker.check_model(model)
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--form", choices=["probabilities", "zipmap"], default="probabilities")
    parser.add_argument("--pixel-format", choices=["Bgr8", "Rgb8"], default="Bgr8")
    parser.add_argument("--range", choices=["NominalRange_0_255", "Normalized_0_1"], default="NominalRange_0_255")
    parser.add_argument("--size", type=int, default=32)
    parser.add_argument("--body", choices=["none", "mobilenet"], default="none")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    onnx.save(build(args.form, args.pixel_format, args.range, args.size, args.body), os.path.join(args.out, "model.onnx"))
    with open(os.path.join(args.out, "labels.txt"), "w", encoding="utf-8") as labels:
        labels.write("\n".join(LABELS) + "\n")


if __name__ == "__main__":
    main()
