import { onnxDataType } from '../dtype.js';
import type { Attr, Node, Tensor } from '../types.js';
import { onnx, type IAttributeProto, type INodeProto, type IValueInfoProto } from './onnxSchema.js';
import { inlineTensorProto } from './tensorProto.js';

const AttrType = onnx.AttributeProto.AttributeType;

function attributeProto(name: string, a: Attr): IAttributeProto {
  switch (a.type) {
    case 'int':
      return { name, type: AttrType.INT, i: a.value };
    case 'float':
      return { name, type: AttrType.FLOAT, f: a.value };
    case 'ints':
      return { name, type: AttrType.INTS, ints: [...a.value] };
    case 'string':
      return { name, type: AttrType.STRING, s: new TextEncoder().encode(a.value) };
    case 'tensor':
      return { name, type: AttrType.TENSOR, t: inlineTensorProto(a.value) };
  }
}

export function nodeProto(n: Node): INodeProto {
  return {
    opType: n.op,
    name: n.name,
    domain: '',
    input: [...n.inputs],
    output: [...n.outputs],
    attribute: Object.entries(n.attrs).map(([name, a]) => attributeProto(name, a)),
  };
}

/** Value info; symbolic dims become dim_param so ONNX Runtime binds them per run. */
export function valueInfoProto(t: Tensor): IValueInfoProto {
  return {
    name: t.name,
    type: {
      tensorType: {
        elemType: onnxDataType(t.dtype),
        shape: { dim: t.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}
