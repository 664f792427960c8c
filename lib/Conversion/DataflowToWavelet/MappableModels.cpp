//===- MappableModels.cpp - WSE legality as external models on dataflow ops ===//
//
// The WSE target's answer to "can the device run this op?", attached to each dataflow op
// family the mapping patterns handle (the upstream idiom of BufferizableOpInterface's
// external models): the partition pass asks the interface, not op names.
//
//===----------------------------------------------------------------------===//
#include "MappingUtils.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

using namespace mlir;
namespace df = accel::dataflow;

namespace accel::wavelet {

namespace {

template <typename OpT, bool (*Legal)(Operation *)>
struct WSEMappableModel
    : public WSEMappableOpInterface::ExternalModel<WSEMappableModel<OpT, Legal>, OpT> {
  bool isMappableOnWSE(Operation *op) const { return Legal(op); }
};

bool convLegal(Operation *op) { return isGemmMappable(op) || isDepthwiseMappable(op); }

} // namespace

void registerWSEMappableExternalModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, df::DataflowDialect *) {
    df::ConvOp::attachInterface<WSEMappableModel<df::ConvOp, convLegal>>(*ctx);
    df::MatmulOp::attachInterface<WSEMappableModel<df::MatmulOp, isGemmMappable>>(*ctx);
    df::UnaryOp::attachInterface<WSEMappableModel<df::UnaryOp, isElementwiseMappable>>(*ctx);
    df::BinaryOp::attachInterface<WSEMappableModel<df::BinaryOp, isElementwiseMappable>>(*ctx);
    df::ClampOp::attachInterface<WSEMappableModel<df::ClampOp, isElementwiseMappable>>(*ctx);
    df::ReduceOp::attachInterface<WSEMappableModel<df::ReduceOp, isRowwiseMappable>>(*ctx);
    df::SoftmaxOp::attachInterface<WSEMappableModel<df::SoftmaxOp, isRowwiseMappable>>(*ctx);
    df::LayerNormOp::attachInterface<WSEMappableModel<df::LayerNormOp, isRowwiseMappable>>(*ctx);
    df::PoolOp::attachInterface<WSEMappableModel<df::PoolOp, isRowwiseMappable>>(*ctx);
  });
}

} // namespace accel::wavelet
