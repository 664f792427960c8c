//===- TileReader.cpp - Schedule's TileProgram table to sim::ipu::Program -===//
//
// A structural copy: the FlatBuffers verifier has already checked the buffer; the IPU
// simulator's validate() then checks the program's meaning (tiles, slices, views, steps)
// against the machine before anything runs.
//
//===----------------------------------------------------------------------===//
#include "TileReader.h"

namespace accel::runtime {

namespace ft = accel::schedule::tile;
namespace si = accel::sim::ipu;

namespace {

std::string str(const flatbuffers::String *s) { return s ? s->str() : std::string(); }

si::Slice slice(const ft::Slice *s) {
  si::Slice out;
  if (s) {
    out.offset = s->offset();
    out.len = s->len();
  }
  return out;
}

si::View view(const ft::View *v) {
  si::View out;
  if (!v)
    return out;
  out.tensor = v->tensor();
  out.base = v->base();
  out.pad = v->pad();
  if (v->dims())
    for (const ft::ViewDim *d : *v->dims())
      out.dims.emplace_back(d->size(), d->stride());
  return out;
}

} // namespace

Status readTileProgram(const ft::TileProgram &table, si::Program &out) {
  out.tilesUsed = table.tiles_used();
  out.memoryWordsPerTile = table.memory_words_per_tile();
  if (table.inits())
    for (const ft::TileInit *i : *table.inits())
      out.inits.push_back({view(i->view()), i->tile(), i->offset()});
  if (table.compute_sets())
    for (const ft::ComputeSet *cs : *table.compute_sets()) {
      si::ComputeSet set;
      set.name = str(cs->name());
      if (cs->vertices())
        for (const ft::Vertex *v : *cs->vertices()) {
          if (v->codelet() > static_cast<uint8_t>(si::kLastCodelet))
            return Status::error("compute set '" + set.name + "': unknown codelet " +
                                 std::to_string(v->codelet()));
          if (v->fn() > static_cast<uint8_t>(accel::sim::kLastUnaryFn))
            return Status::error("compute set '" + set.name + "': unknown unary function " +
                                 std::to_string(v->fn()));
          si::Vertex vertex;
          vertex.tile = v->tile();
          vertex.codelet = static_cast<si::Codelet>(v->codelet());
          vertex.fn = static_cast<si::UnaryFn>(v->fn());
          vertex.accumulate = v->accumulate();
          vertex.transposeB = v->transpose_b();
          vertex.countPad = v->count_pad();
          vertex.m = v->m();
          vertex.k = v->k();
          vertex.n = v->n();
          vertex.count = v->count();
          vertex.imm = v->imm();
          vertex.imm2 = v->imm2();
          if (const ft::Window *w = v->window())
            vertex.window = {w->c(),  w->h(),  w->w(),  w->oh(), w->ow(),
                             w->kh(), w->kw(), w->sh(), w->sw(), w->dh(),
                             w->dw(), w->ph(), w->pw(), w->cout()};
          vertex.out = slice(v->out());
          vertex.a = slice(v->a());
          vertex.b = slice(v->b());
          set.vertices.push_back(vertex);
        }
      out.computeSets.push_back(std::move(set));
    }
  if (table.exchanges())
    for (const ft::Exchange *e : *table.exchanges()) {
      si::Exchange ex;
      ex.name = str(e->name());
      if (e->transfers())
        for (const ft::Transfer *t : *e->transfers()) {
          si::Transfer tr;
          tr.srcTile = t->src_tile();
          tr.srcOffset = t->src_offset();
          tr.len = t->len();
          if (t->dsts())
            for (const ft::Destination *d : *t->dsts())
              tr.dsts.emplace_back(d->tile(), d->offset());
          ex.transfers.push_back(std::move(tr));
        }
      out.exchanges.push_back(std::move(ex));
    }
  if (table.host_exchanges())
    for (const ft::HostExchange *h : *table.host_exchanges()) {
      si::HostExchange hx;
      hx.name = str(h->name());
      if (h->copies())
        for (const ft::HostCopy *c : *h->copies())
          hx.copies.push_back({view(c->view()), c->tile(), c->offset(), c->to_device()});
      out.hostExchanges.push_back(std::move(hx));
    }
  if (table.steps())
    for (const ft::Step *s : *table.steps()) {
      if (s->kind() > static_cast<uint8_t>(si::StepKind::RepeatEnd))
        return Status::error("unknown step kind " + std::to_string(s->kind()));
      out.steps.push_back(
          {static_cast<si::StepKind>(s->kind()), s->index(), s->count(), s->layer()});
    }
  if (table.layers())
    for (const ft::Layer *l : *table.layers())
      out.layers.push_back(
          {str(l->name()), str(l->node()), str(l->op_type()), str(l->loc()), l->flops()});
  if (table.births())
    for (const ft::Birth *b : *table.births()) {
      si::Birth birth;
      birth.step = b->step();
      birth.offset = b->offset();
      birth.len = b->len();
      if (b->tiles())
        for (const ft::TileRange *r : *b->tiles())
          birth.tiles.emplace_back(r->first(), r->count());
      out.births.push_back(std::move(birth));
    }
  return Status::success();
}

} // namespace accel::runtime
