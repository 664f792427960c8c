#ifndef ACCEL_DIALECT_HOST_HOSTOPS_TD
#define ACCEL_DIALECT_HOST_HOSTOPS_TD

include "accel/Dialect/Host/IR/HostDialect.td"
include "mlir/IR/SymbolInterfaces.td"

def Host_ProgramOp : Host_Op<"program", [
    IsolatedFromAbove, SymbolTable, SingleBlock, NoTerminator, NoRegionArguments]> {
  let summary = "A program for the CPU host: the anchor op of the host target";
  let description = [{
    Holds exactly one `func.func` whose body is made of `dataflow` ops; the runtime runs
    them in order, one host kernel each. `preset` names the device descriptor (`cpu`).

    ```mlir
    host.program preset("cpu") {
      func.func @main(%arg0: tensor<4xf32>) -> tensor<4xf32> { ... }
    }
    ```
  }];
  let arguments = (ins StrAttr:$preset);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "`preset` `(` $preset `)` attr-dict-with-keyword $body";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The function this program runs.
    ::mlir::func::FuncOp getEntry();
  }];
}

#endif // ACCEL_DIALECT_HOST_HOSTOPS_TD
