// The chapter's Node.js handler, deployed from this folder as `index.handler`.
exports.handler = async (event) => {
  try {
    return {
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: event.path, method: event.httpMethod }),
    };
  } catch (error) {
    console.error("Error:", error);
    throw error;
  }
};
