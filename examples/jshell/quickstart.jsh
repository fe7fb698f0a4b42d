// Berth in JShell. Run from the project root after `mvn -q install -DskipTests`:
//   jshell --class-path "$(cd examples && mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout):sdk-api/target/classes" examples/jshell/quickstart.jsh
import dev.berth.*;
import dev.berth.transport.*;

var docker = Docker.connect();
System.out.println(docker.endpoint());
System.out.println(docker.system().ping());
var v = docker.system().version();
System.out.println("Engine " + v.version() + ", API " + docker.apiVersion());
var info = docker.system().info();
System.out.println(info.containers() + " containers, " + info.images() + " images");
docker.close();
/exit
