use stackforge::prelude::*;

stack! {
    RuntimeForms {
        role worker_role;
        function node_worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
        }
        function python_worker {
            runtime: "python3.14",
            handler: "app.handler",
            code: "./functions/python",
            role: worker_role,
            architecture: arm64,
            environment: { TABLE: "items" },
            tracing: pass_through,
        }
    }
}

fn main() {
    // Functions in other runtimes are not served by this binary.
    assert!(RuntimeForms::handlers().is_empty());
}
