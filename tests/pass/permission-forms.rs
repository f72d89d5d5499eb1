use stackforge::prelude::*;

#[lambda_function]
async fn on_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    PermissionForms {
        bucket uploads;
        role auditor;
        function notifier {
            runtime: "python3.14",
            handler: "app.handler",
            code: "lambda",
        }
        uploads.on_object_created() => on_upload;
        allow on_upload ["s3:GetObject", "s3:GetObjectTagging"] on uploads.objects;
        allow on_upload ["s3:ListBucket", "s3:GetObject"] on uploads, uploads.objects;
        allow auditor ["s3:GetObjectAcl"] on uploads.objects;
        allow on_upload ["lambda:InvokeFunction"] on notifier;
    }
}

fn main() {
    assert_eq!(PermissionForms::handlers().len(), 1);
}
