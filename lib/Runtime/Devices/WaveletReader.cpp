//===- WaveletReader.cpp - Schedule's WaveletProgram table to sim::wse::Program ===//
//
// A structural copy: the FlatBuffers verifier has already checked the buffer; the
// simulator's validate() then checks the program's meaning (coordinates, colors,
// addresses, windows) against the machine before anything runs.
//
//===----------------------------------------------------------------------===//
#include "WaveletReader.h"

namespace accel::runtime {

namespace fw = accel::schedule::wavelet;
namespace sw = accel::sim::wse;

namespace {

std::string str(const flatbuffers::String *s) { return s ? s->str() : std::string(); }

sw::PeSet readPeSet(const fw::PeSet *p) {
  sw::PeSet set;
  if (!p)
    return set;
  set.x0 = p->x0();
  set.x1 = p->x1();
  set.y0 = p->y0();
  set.y1 = p->y1();
  set.xMod = p->x_mod();
  set.xRem = p->x_rem();
  set.yMod = p->y_mod();
  set.yRem = p->y_rem();
  return set;
}

sw::Window readWindow(const fw::Window *w) {
  sw::Window window;
  if (!w)
    return window;
  window.tensor = w->tensor();
  window.pad = w->pad();
  if (w->dims())
    for (const fw::WindowDim *d : *w->dims()) {
      sw::WindowDim dim;
      dim.tensorDim = d->tensor_dim();
      dim.size = d->size();
      dim.step = d->step();
      dim.base = d->base();
      dim.perX = d->per_x();
      dim.perXDiv = d->per_x_div();
      dim.perY = d->per_y();
      dim.perYDiv = d->per_y_div();
      dim.perInstance = d->per_instance();
      dim.xMod = d->x_mod();
      dim.yMod = d->y_mod();
      window.dims.push_back(dim);
    }
  return window;
}

sw::Mem readMem(const fw::Mem *m) {
  sw::Mem mem;
  if (m) {
    mem.addr = m->addr();
    mem.len = m->len();
    mem.stride = m->stride();
  }
  return mem;
}

Status readStreams(const flatbuffers::Vector<flatbuffers::Offset<fw::Stream>> *list,
                   std::vector<sw::Stream> &out, const std::string &what) {
  if (!list)
    return Status::success();
  for (const fw::Stream *s : *list) {
    sw::Stream stream;
    stream.x = s->x();
    stream.y = s->y();
    stream.instance = s->instance();
    if (s->side() > static_cast<uint8_t>(sw::Dir::West))
      return Status::error(what + ": stream side " + std::to_string(s->side()) +
                           " is not north, south, east or west");
    stream.side = static_cast<sw::Dir>(s->side());
    stream.color = s->color();
    stream.messageLen = s->message_len();
    stream.window = readWindow(s->window());
    out.push_back(std::move(stream));
  }
  return Status::success();
}

} // namespace

Status readWaveletProgram(const fw::WaveletProgram &table, sw::Program &out) {
  if (!table.layers())
    return Status::success();
  for (const fw::Layer *l : *table.layers()) {
    sw::Layer layer;
    layer.name = str(l->name());
    layer.node = str(l->node());
    layer.opType = str(l->op_type());
    layer.locText = str(l->loc());
    layer.flops = l->flops();
    std::string what = "layer '" + layer.name + "'";
    if (l->regions())
      for (const fw::Region *r : *l->regions()) {
        sw::Region region;
        region.name = str(r->name());
        region.x = r->x();
        region.y = r->y();
        region.width = r->width();
        region.height = r->height();
        region.instances = r->instances();
        region.memoryWords = r->memory_words();
        region.codeBytes = r->code_bytes();
        std::string where = what + ", region '" + region.name + "'";
        if (r->routes())
          for (const fw::RouteRule *rr : *r->routes())
            region.routes.push_back({readPeSet(rr->pes()), rr->color(), rr->rx(), rr->tx()});
        if (r->inits())
          for (const fw::BufferInit *bi : *r->inits())
            region.inits.push_back({readPeSet(bi->pes()), bi->addr(), readWindow(bi->window())});
        if (r->tasks())
          for (const fw::Task *t : *r->tasks()) {
            sw::Task task;
            task.name = str(t->name());
            if (t->kind() > static_cast<uint8_t>(sw::TaskKind::Data))
              return Status::error(where + ": task '" + task.name + "' has unknown kind " +
                                   std::to_string(t->kind()));
            task.kind = static_cast<sw::TaskKind>(t->kind());
            task.color = t->color();
            if (t->body())
              for (const fw::Instr *i : *t->body()) {
                sw::Instr instr;
                if (i->op() > static_cast<uint8_t>(sw::Opcode::EndLoop))
                  return Status::error(where + ", task '" + task.name +
                                       "': unknown opcode " + std::to_string(i->op()));
                if (i->fn() > static_cast<uint8_t>(sw::UnaryFn::Ceil))
                  return Status::error(where + ", task '" + task.name +
                                       "': unknown unary function " + std::to_string(i->fn()));
                instr.op = static_cast<sw::Opcode>(i->op());
                instr.pes = readPeSet(i->pes());
                instr.color = i->color();
                instr.fn = static_cast<sw::UnaryFn>(i->fn());
                instr.accumulate = i->accumulate();
                instr.imm = i->imm();
                instr.count = i->count();
                instr.dst = readMem(i->dst());
                instr.a = readMem(i->a());
                instr.b = readMem(i->b());
                instr.c = readMem(i->c());
                task.body.push_back(instr);
              }
            region.tasks.push_back(std::move(task));
          }
        ACCEL_RETURN_IF_ERROR(readStreams(r->inputs(), region.inputs, where));
        ACCEL_RETURN_IF_ERROR(readStreams(r->outputs(), region.outputs, where));
        layer.regions.push_back(std::move(region));
      }
    out.layers.push_back(std::move(layer));
  }
  return Status::success();
}

} // namespace accel::runtime
