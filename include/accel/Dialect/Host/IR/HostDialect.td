#ifndef ACCEL_DIALECT_HOST_HOSTDIALECT_TD
#define ACCEL_DIALECT_HOST_HOSTDIALECT_TD

include "mlir/IR/OpBase.td"

def Host_Dialect : Dialect {
  let name = "host";
  let cppNamespace = "::accel::host";
  let summary = "The CPU host target of Accel";
  let description = [{
    The host target runs every `dataflow` op with a CPU kernel. It is the reference target,
    the fallback segment of every device schedule, and a debugging aid. Its IR is the
    `dataflow` function wrapped in a `host.program` anchor op that carries the device
    descriptor; the schedule emitter turns each op of that function into one host kernel
    invocation.
  }];
}

class Host_Op<string mnemonic, list<Trait> traits = []>
    : Op<Host_Dialect, mnemonic, traits>;

#endif // ACCEL_DIALECT_HOST_HOSTDIALECT_TD
