// Berth in JShell: scripts/jshell.sh examples/jshell/quickstart.jsh (DOCKER_HOST or the default socket)
// Interactive: scripts/jshell.sh, then the lines below one by one.
import dev.berth.*;
import dev.berth.errors.*;
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
